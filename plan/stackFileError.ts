/** A problem with the project or stack files themselves: the message is for the person who wrote them. */
export class StackFileError extends Error {}
