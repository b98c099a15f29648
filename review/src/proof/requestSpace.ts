// Every request the policies could be asked about, as a few finite variables,
// without loss: the policies only ever ask whether a string is in one of their
// patterns, so each string is replaced by its class (stringClasses.ts): the
// action by its group (actionGroups.ts), the resource or principal by its class
// (subjectPatterns.ts), each condition key by its absence or class
// (conditionKeys.ts). What ties them (a resource is of a type its action takes,
// a key is one its action supports) are constraints, each an assumption in the
// output. requestSpaceParts.ts finds the parts; which requests a policy allows
// is iamSemantics.ts.
import { ActionTarget } from "./actionCatalog";
import { ActionGroup } from "./actionGroups";
import { KeyVariable } from "./conditionKeys";
import { and, FiniteVariable, Formula, implies, isIn, not, TRUE } from "./formula";
import { allowedBy } from "./iamSemantics";
import { OpenReading } from "./openReadings";
import { PolicyKind } from "./policyStatements";
import { ACTION, keyVariableNumber, SUBJECT } from "./requestVariables";
import {
    PatternIndex,
    PolicySide,
    ReadingVariable,
    RequestScope,
    requestSpaceParts,
    RequestSpaceParts,
    ScopePatterns,
    UnknownVariables,
    VariablePattern,
} from "./requestSpaceParts";
import { ClassLimitError, StringClass, stringClasses } from "./stringClasses";
import { matchesPattern } from "./stringPattern";
import { SubjectPattern, templateSubject } from "./subjectPatterns";

export type { ActionGroup } from "./actionGroups";
export type { KeyValue, KeyVariable } from "./conditionKeys";
export { OutsideFragmentError } from "./outsideFragment";
export type { SubjectPattern } from "./subjectPatterns";
export type {
    PatternIndex,
    PolicySet,
    PolicySide,
    ReadingVariable,
    RequestScope,
    RequestSpaceParts,
    ScopePatterns,
    UnknownPolicy,
    UnknownVariables,
    VariablePattern,
} from "./requestSpaceParts";

/** The abstract requests of one question. Variable 0 is the action group, 1 the resource or principal, 2… the keys. */
export class RequestSpace {
    readonly kind: PolicyKind;
    readonly groups: readonly ActionGroup[];
    /** The patterns the subject (resource or principal) is split by. */
    readonly subjectPatterns: readonly SubjectPattern[];
    /** The subject variable's values: the classes of strings every subject pattern treats alike. */
    readonly subjectClasses: readonly StringClass[];
    readonly keys: readonly KeyVariable[];
    /** What the space takes for granted of a request, as the output says it. */
    readonly assumptions: readonly string[];
    /** Where each pattern a policy writes sits in the space. */
    readonly index: PatternIndex;
    /** The unknown policies of either side, each with its variables after the keys'. */
    readonly unknowns: readonly UnknownVariables[];
    /** Whether the actions are those of every service of the catalogue. */
    readonly everyService: boolean;
    /**
     * Every action of the services the question is about, on each of its resource types, whether
     * or not a group holds it: what "every action of s3" is when a class is said.
     */
    readonly catalogue: readonly ActionTarget[];
    /** The open readings of IAM the requests depend on (openReadings.ts), each a variable after the unknown policies'. */
    readonly readings: readonly ReadingVariable[];
    /** The patterns with a policy variable, each a Boolean variable after the readings'. */
    readonly variablePatterns: readonly VariablePattern[];
    private readonly scopePatterns: ScopePatterns;
    /** The subject patterns `arn:*:<service>:*` of the services the policies name. */
    private readonly namespaces: readonly number[];

    private constructor(parts: RequestSpaceParts) {
        this.kind = parts.kind;
        this.groups = parts.groups;
        this.subjectPatterns = parts.subjectPatterns;
        this.subjectClasses = parts.subjectClasses;
        this.keys = parts.keys;
        this.assumptions = parts.assumptions;
        this.index = parts.index;
        this.unknowns = parts.unknowns;
        this.everyService = parts.everyService;
        this.scopePatterns = parts.scope;
        this.namespaces = parts.namespaces;
        this.catalogue = parts.catalogue;
        this.readings = parts.readings;
        this.variablePatterns = parts.variablePatterns;
    }

    /** The Boolean variable of a pattern with a policy variable, at `place` (`resource`, or a key lower-cased). */
    variablePatternOf(place: string, text: string): VariablePattern {
        return this.variablePatterns.find((entry) => entry.place === place && entry.text === text)!;
    }

    /** The variable of the open reading `id`, if the space has it. */
    readingOf(id: OpenReading["id"]): number | undefined {
        return this.readings.find((entry) => entry.reading.id === id)?.variable;
    }

    /** Whether a request of the action group `group` may carry the key `keyIndex`. */
    keyApplies(group: number, keyIndex: number): boolean {
        return this.groups[group].keys[keyIndex];
    }

    /** Whether a request of the action group `group` may have the subject class `subjectClass`. */
    fits(group: number, subjectClass: number): boolean {
        const formats = this.groups[group].formats;
        const inside = this.subjectClasses[subjectClass].inside;
        if (this.kind === "trust") {
            return this.subjectPatterns.some((pattern, index) => !pattern.fromPolicy && inside[index]);
        }
        return formats === undefined
            ? this.namespaces.every((namespace) => !inside[namespace])
            : formats.some((format) => inside[format]);
    }

    /**
     * A resource of class `subjectClass` that `target`'s ARN template matches, for a
     * witness of an action whose resource type the space does not hold as a
     * pattern (an action of a service no policy names); undefined when there is none.
     */
    resourceFor(subjectClass: number, target: ActionTarget): string | undefined {
        const key = `${subjectClass}\u0000${target.arnTemplate}`;
        if (!this.resources.has(key)) {
            this.resources.set(key, this.findResource(subjectClass, target));
        }
        return this.resources.get(key);
    }

    private readonly resources = new Map<string, string | undefined>();

    private findResource(subjectClass: number, target: ActionTarget): string | undefined {
        const template = templateSubject(target.arnTemplate);
        const own = this.subjectClasses[subjectClass];
        if (matchesPattern(template, own.witness)) {
            return own.witness;
        }
        const patterns = [...this.subjectPatterns.map((entry) => entry.pattern), template];
        try {
            return stringClasses(patterns, 5_000).find(
                (candidate) =>
                    candidate.inside[patterns.length - 1] &&
                    own.inside.every((inside, index) => candidate.inside[index] === inside),
            )?.witness;
        } catch (error) {
            if (error instanceof ClassLimitError) {
                return undefined;
            }
            throw error;
        }
    }

    /**
     * The class's witness, with a region and an account a reader knows (`us-east-1`,
     * `123456789012`) where the ARN's own are not one and the class holds the change.
     */
    readableResource(subjectClass: number): string {
        const own = this.subjectClasses[subjectClass];
        const parts = own.witness.split(":");
        if (parts.length < 6 || parts[0] !== "arn") {
            return own.witness;
        }
        let readable = own.witness;
        for (const [index, value, shape] of [
            [3, "us-east-1", /^[a-z]{2}(-[a-z]+)+-\d+$/],
            [4, READABLE_ACCOUNT, /^\d{12}$/],
        ] as const) {
            const candidate = readable.split(":");
            if (candidate[index] === "" || shape.test(candidate[index])) {
                continue;
            }
            candidate[index] = value;
            const text = candidate.join(":");
            if (
                this.subjectPatterns.every(
                    (entry, pattern) => matchesPattern(entry.pattern, text) === own.inside[pattern],
                )
            ) {
                readable = text;
            }
        }
        return readable;
    }

    /** Every action of the catalogue's services the space is about, by service. */
    actionsByService(): Map<string, Set<string>> {
        if (!this.byService) {
            this.byService = new Map();
            for (const target of this.catalogue) {
                const list = this.byService.get(target.service) ?? new Set<string>();
                this.byService.set(target.service, list.add(target.action));
            }
        }
        return this.byService;
    }

    private byService?: Map<string, Set<string>>;

    /** Whether a subject class's strings are ARNs of a partition the policies name: the witnesses a reader expects. */
    inNamedPartition(subjectClass: number): boolean {
        const inside = this.subjectClasses[subjectClass].inside;
        return this.subjectPatterns.some((pattern, index) => pattern.partition === true && inside[index]);
    }

    /** The name the output gives the subject variable. */
    get subjectName(): string {
        return this.kind === "identity" ? "resource" : "principal";
    }

    /** The solver's variables. */
    get variables(): FiniteVariable[] {
        return [
            { name: "action", size: this.groups.length },
            { name: this.subjectName, size: this.subjectClasses.length },
            ...this.keys.map((key) => ({ name: key.key, size: key.values.length })),
            ...this.unknowns.flatMap((unknown) => [
                { name: `${unknown.policy.name} allows`, size: 2 },
                { name: `${unknown.policy.name} denies`, size: 2 },
            ]),
            ...this.readings.map((entry) => ({ name: entry.reading.id, size: 2 })),
            ...this.variablePatterns.map((entry) => ({ name: `in ${entry.text}`, size: 2 })),
        ];
    }

    /** The variables the proof decides for every value of: the unknown policies', and the open readings'. */
    get unknownVariables(): number[] {
        return [
            ...this.unknowns.flatMap((unknown) => [unknown.allows, unknown.denies]),
            ...this.readings.map((entry) => entry.variable),
        ];
    }

    /** What every request satisfies: the assumptions, as formulas. */
    get constraints(): Formula[] {
        const constraints: Formula[] = [];
        // A resource is of a type its action takes; an action of a service no policy names
        // never takes an ARN of one they name.
        this.groups.forEach((group, index) => {
            if (group.formats !== undefined) {
                constraints.push(implies(isIn(ACTION, [index]), isIn(SUBJECT, this.classesIn(group.formats))));
            } else if (this.namespaces.length > 0) {
                constraints.push(implies(isIn(ACTION, [index]), not(isIn(SUBJECT, this.classesIn(this.namespaces)))));
            }
        });
        // A pattern with a policy variable holds only where it does with `*` for each variable.
        for (const entry of this.variablePatterns) {
            if (entry.place === "resource") {
                constraints.push(implies(isIn(entry.variable, [1]), isIn(SUBJECT, this.classesIn([entry.wildcard]))));
            } else {
                const keyIndex = this.index.keys.get(entry.place)!;
                const key = this.keys[keyIndex];
                const inside = key.values.flatMap((value, index) =>
                    value.kind === "string" && value.inside[entry.wildcard] ? [index] : [],
                );
                constraints.push(implies(isIn(entry.variable, [1]), isIn(keyVariableNumber(keyIndex), inside)));
            }
        }
        // A principal has one of the shapes principals have.
        if (this.kind === "trust") {
            const shapes = this.subjectPatterns.flatMap((pattern, index) => (pattern.fromPolicy ? [] : [index]));
            constraints.push(isIn(SUBJECT, this.classesIn(shapes)));
        }
        // A request carries only the keys its action supports.
        this.keys.forEach((_, keyIndex) => {
            const allowed = this.groups.flatMap((group, index) => (group.keys[keyIndex] ? [index] : []));
            if (allowed.length < this.groups.length) {
                constraints.push(implies(not(isIn(keyVariableNumber(keyIndex), [0])), isIn(ACTION, allowed)));
            }
        });
        return constraints;
    }

    /** The requests of the question's scope; every request when it has none. */
    scope(): Formula {
        const { choosesActions, resources, excluded } = this.scopePatterns;
        return and(
            choosesActions
                ? isIn(
                      ACTION,
                      this.groups.flatMap((group, index) => (group.inScope ? [index] : [])),
                  )
                : TRUE,
            resources ? isIn(SUBJECT, this.classesIn(resources)) : TRUE,
            excluded ? not(isIn(SUBJECT, this.classesIn(excluded))) : TRUE,
        );
    }

    /** The requests `side` allows, by IAM's rules (iamSemantics.ts). */
    allowedBy(side: PolicySide): Formula {
        return allowedBy(this, side);
    }

    /** The subject classes inside any of the subject patterns `patterns`. */
    classesIn(patterns: readonly number[]): number[] {
        return this.subjectClasses.flatMap((subjectClass, index) =>
            patterns.some((pattern) => subjectClass.inside[pattern]) ? [index] : [],
        );
    }

    /**
     * The space of the requests the policies of `sides` (and `scope`) are
     * about. Throws {@link OutsideFragmentError} when a policy holds what the
     * proof does not encode, or a variable is too complex to split.
     */
    static async build(kind: PolicyKind, sides: readonly PolicySide[], scope?: RequestScope): Promise<RequestSpace> {
        return new RequestSpace(await requestSpaceParts(kind, sides, scope));
    }
}

/** The account a witness names where a class leaves it open: the one the plan's role is in. */
const READABLE_ACCOUNT = "123456789012";
