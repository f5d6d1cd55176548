/*
 * Span names and the GenAI operation each kind of span records. Names follow
 * the GenAI convention `{operation} {target}` where one applies.
 */

/** `gen_ai.operation.name` of tool item spans. */
export const OPERATION_EXECUTE_TOOL = 'execute_tool';
/** `gen_ai.operation.name` of guardian review spans. */
export const OPERATION_INVOKE_AGENT = 'invoke_agent';
/** `gen_ai.agent.name` of guardian review spans. */
export const GUARDIAN_AGENT_NAME = 'guardian';

/** `execute_tool shell`, `execute_tool apply_patch`, ... */
export function toolItemSpanName(toolName: string): string {
  return `${OPERATION_EXECUTE_TOOL} ${toolName}`;
}

/** The guardian's review session. */
export const GUARDIAN_REVIEW_SPAN_NAME = `${OPERATION_INVOKE_AGENT} ${GUARDIAN_AGENT_NAME}`;

/** `user_review command_execution`, `user_review permissions`, ... */
export function userReviewSpanName(requestKind: string): string {
  return `user_review ${requestKind}`;
}
