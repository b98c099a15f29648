// The one cache of the review's and the stack's proofs: an answer is kept for
// the process once decided; an undecided answer or a failure is asked again.
import { strict as assert } from "assert";
import { decidedOnce } from "../../../review/src/access/decidedOnce";

describe("an answer kept once decided", () => {
    /** A question answered by `outcomes`, in turn; each call counted. */
    function answering(outcomes: readonly ("yes" | "undecided" | "fails")[]) {
        const asked: string[] = [];
        const answer = (question: { q: string }, session: string) => {
            asked.push(`${question.q} in ${session}`);
            const outcome = outcomes[Math.min(asked.length - 1, outcomes.length - 1)];
            return outcome === "fails" ? Promise.reject(new Error("the solver died")) : Promise.resolve(outcome);
        };
        return { asked, once: decidedOnce(answer, (found) => found === "undecided") };
    }

    it("asks a decided question once, whatever the session, and keeps questions apart by their JSON", async () => {
        const { asked, once } = answering(["yes"]);
        assert.equal(await once({ q: "a" }, "s1"), "yes");
        assert.equal(await once({ q: "a" }, "s2"), "yes");
        assert.equal(await once({ q: "b" }, "s1"), "yes");
        assert.deepEqual(asked, ["a in s1", "b in s1"]);
    });

    it("shares one answer between questions asked at once", async () => {
        const { asked, once } = answering(["yes"]);
        await Promise.all([once({ q: "a" }, "s"), once({ q: "a" }, "s")]);
        assert.equal(asked.length, 1);
    });

    it("asks again after an undecided answer, and after a failure", async () => {
        const { asked, once } = answering(["undecided", "fails", "yes"]);
        assert.equal(await once({ q: "a" }, "s"), "undecided");
        await assert.rejects(once({ q: "a" }, "s"), /the solver died/);
        assert.equal(await once({ q: "a" }, "s"), "yes");
        assert.equal(await once({ q: "a" }, "s"), "yes");
        assert.equal(asked.length, 3);
    });
});
