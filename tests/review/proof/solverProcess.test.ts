// Z3 runs in a process of its own, because its WebAssembly build does not
// always keep to its own time limit and can crash the process that hosts it.
// A solver that never answers, or dies, costs only that answer: the proof says
// it could not decide, the plan counts that as broadening, and the next
// question starts a new process.
import { strict as assert } from "assert";
import { compareAccess } from "../../../review/src/access/accessChanges";
import { RoleAccess } from "../../../review/src/access/roleAccess";
import { SolverProblem } from "../../../review/src/proof/formula";
import { SolverOutcome, SolverSession } from "../../../review/src/proof/solverProcess";

/** A problem with one variable of three values: which are 1? */
const problem = (fault?: SolverProblem["fault"]): SolverProblem => ({
    variables: [{ name: "v", size: 3 }],
    constraints: [],
    queries: [{ id: "q", target: { op: "in", variable: 0, values: [1] } }],
    maxCubes: 5,
    ...(fault ? { fault } : {}),
});

const ANSWER: SolverOutcome = { ok: true, answers: [{ id: "q", status: "cubes", cubes: [[[1]]], complete: true }] };

describe("the solver's process", function () {
    this.timeout(20_000);
    // The session's own limit, generous, is for the problems that are answered: a busy machine must never
    // make them time out. Only the hang gets a short limit of its own: the worker never answers it.
    const session = new SolverSession();
    after(() => session.close());

    it("is killed when it does not answer within its limit, and the next problem gets a new one", async () => {
        const hung = await session.solve(problem("hang"), { timeLimitMs: 300 });
        assert.deepEqual(hung, {
            ok: false,
            reason: "the solver gave no answer within 0.3 s, and its process was killed",
        });
        assert.deepEqual(await session.solve(problem()), ANSWER);
    });

    it("answers with the reason when it dies, and the next problem gets a new one", async () => {
        const crashed = await session.solve(problem("crash"));
        assert.equal(crashed.ok, false);
        assert.match(
            (crashed as { reason: string }).reason,
            /^the solver's process (was killed by SIGABRT|exited with code)/,
        );
        assert.deepEqual(await session.solve(problem()), ANSWER);
    });

    it("counts as broadening, not decided, in the plan's verdict when it fails", async () => {
        class FailingSession extends SolverSession {
            override solve(): Promise<SolverOutcome> {
                return Promise.resolve({ ok: false, reason: "the solver's process was killed by SIGABRT" });
            }
        }
        const known = (value: string) => ({ state: "known", value }) as const;
        const access = (action: string): RoleAccess => ({
            permissionPolicies: [
                {
                    id: "policy",
                    name: "the policy",
                    document: known(
                        JSON.stringify({
                            Version: "2012-10-17",
                            Statement: [{ Effect: "Allow", Action: action, Resource: "arn:aws:s3:::b/*" }],
                        }),
                    ),
                },
            ],
            trustPolicy: known(JSON.stringify({ Version: "2012-10-17", Statement: [] })),
            permissionsBoundary: { state: "absent" },
        });
        const changes = await compareAccess(
            [{ role: "r", before: access("s3:GetObject"), after: access("s3:PutObject") }],
            new FailingSession(),
        );
        assert.deepEqual([changes.broadening, changes.decidedBy], [true, "undecided"]);
        assert.deepEqual(changes.unevaluated, [
            "the permissions of r could not be decided: the solver's process was killed by SIGABRT",
        ]);
    });
});
