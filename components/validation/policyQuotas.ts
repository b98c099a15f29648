import { policySize } from "../policies/policyDocument";
import { Violation } from "./violation";

/** IAM's quota for a customer managed policy, in characters without whitespace. */
export const PERMISSION_POLICY_MAX_SIZE = 6144;

/** IAM's default quota for a role trust policy, in characters without whitespace. */
export const TRUST_POLICY_MAX_SIZE = 2048;

/** Why a rendered policy is too big for IAM, or `undefined` if it fits. */
export function policySizeViolation(what: string, text: string, maxSize: number): Violation | undefined {
    const size = policySize(text);
    return size > maxSize
        ? {
              rule: `makes the ${what} ${size.toLocaleString("en-US")} characters long without whitespace; IAM allows ${maxSize.toLocaleString("en-US")}`,
          }
        : undefined;
}
