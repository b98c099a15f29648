// The words beside each class: the most consequential verbs first, the
// resource as a reviewer would say it.
import { strict as assert } from "assert";
import type { AccessEntry } from "../../../review/src/access/accessChanges";
import { inWords } from "../../../review/src/verdict/plainWords";

const entry = (actions: string[], resource?: string, principal?: string): AccessEntry => ({
    role: "exports-role",
    actions,
    actionCount: actions.length,
    ...(resource !== undefined ? { resource } : {}),
    ...(principal !== undefined ? { principal } : {}),
    context: "",
    witness: { action: actions[0], resource, principal, context: {} },
    evaluator: { outcome: "not checked", why: "a test of words" },
});

describe("a class in words", () => {
    it("says deleting and overwriting objects under a folder, deletion first", () => {
        const said = inWords(entry(["s3:PutObject", "s3:DeleteObject"], "arn:aws:s3:::shop/Exports/*"));
        assert.equal(said, "delete and overwrite any object under Exports/ in shop");
    });

    it("names what is left out, and counts the verbs it does not name", () => {
        const actions = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListParts", "s3:RestoreObject"];
        const said = inWords(entry(actions, "arn:aws:s3:::shop/* but not arn:aws:s3:::shop/Exports/*"));
        assert.equal(
            said,
            "delete, overwrite, restore and 2 other kinds of action on any object in shop except under Exports/",
        );
    });

    it("says every action of a service, any bucket, and who may newly assume the role", () => {
        assert.equal(inWords(entry(["iam:*"], "*")), "do anything in iam on any resource");
        assert.equal(inWords(entry(["s3:ListAllMyBuckets"], "arn:aws:s3:::*")), "list any bucket");
        assert.equal(
            inWords(entry(["sts:AssumeRole"], undefined, "pinpoint.amazonaws.com")),
            "let pinpoint.amazonaws.com assume the role",
        );
    });
});
