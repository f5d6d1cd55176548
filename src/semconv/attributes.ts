/*
 * Attribute keys. GenAI semantic convention names are used wherever one
 * fits; everything else lives under the `agent_review.` namespace.
 * docs/span-model.md maps every key to the row fields it feeds.
 */

import { GUARDIAN_TOOL_CALL_KINDS, type GuardianToolCallKind } from './values.js';

// --- GenAI semantic conventions (v1.41 registry) ---
/** Tool item: `execute_tool`. Guardian review: `invoke_agent`. */
export const ATTR_GEN_AI_OPERATION_NAME = 'gen_ai.operation.name';
/** All our spans: the agent thread id; row field `thread_id`. */
export const ATTR_GEN_AI_CONVERSATION_ID = 'gen_ai.conversation.id';
/** Guardian review: `guardian`. */
export const ATTR_GEN_AI_AGENT_NAME = 'gen_ai.agent.name';
/** Guardian review: e.g. `openai` (metrics only). */
export const ATTR_GEN_AI_PROVIDER_NAME = 'gen_ai.provider.name';
/** Guardian review: the guardian model; row field `guardian_model`. */
export const ATTR_GEN_AI_REQUEST_MODEL = 'gen_ai.request.model';
/** Tool item: `shell`, `user_shell`, `unified_exec`, `apply_patch`, an MCP tool, …; row field `tool_name`. */
export const ATTR_GEN_AI_TOOL_NAME = 'gen_ai.tool.name';
/** Tool item: the item id; row field `item_id`. User review: the item under review, if any; row field `item_id`. Guardian review: the item under review (none for network reviews); `item_id` of its review event; row field `target_item_id`. */
export const ATTR_GEN_AI_TOOL_CALL_ID = 'gen_ai.tool.call.id';
/** Guardian review: input tokens of the guardian session; row field `input_tokens`. */
export const ATTR_GEN_AI_USAGE_INPUT_TOKENS = 'gen_ai.usage.input_tokens';
/** Guardian review: input tokens read from the cache; row field `cached_input_tokens`. */
export const ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS =
  'gen_ai.usage.cache_read.input_tokens';
/** Guardian review: output tokens; row field `output_tokens`. */
export const ATTR_GEN_AI_USAGE_OUTPUT_TOKENS = 'gen_ai.usage.output_tokens';
/** Guardian review: reasoning output tokens; row field `reasoning_output_tokens`. */
export const ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS =
  'gen_ai.usage.reasoning.output_tokens';
/** Seconds from the start of the review to the guardian's first token. */
export const ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK =
  'gen_ai.response.time_to_first_chunk';
/** Guardian review: the failure kind, when failing closed. */
export const ATTR_ERROR_TYPE = 'error.type';

// --- Thread and turn context (all our spans) ---
/** All our spans: the turn id; row field `turn_id`. */
export const ATTR_TURN_ID = 'agent_review.turn.id';
/** Tool item: the agent session; row field `session_id`. */
export const ATTR_SESSION_ID = 'agent_review.session.id';
/** All our spans: who started the thread: `user`, `subagent`, …; row field `thread_source`. */
export const ATTR_THREAD_SOURCE = 'agent_review.thread.source';
/** All our spans: for subagent threads: `thread_spawn`, `review`, `compact`, …; row field `subagent_source`. */
export const ATTR_THREAD_SUBAGENT_SOURCE = 'agent_review.thread.subagent_source';
/** All our spans: parent thread of a subagent thread; row field `parent_thread_id`. */
export const ATTR_THREAD_PARENT_ID = 'agent_review.thread.parent_id';
/** Also read from the resource when the span does not carry it. */
export const ATTR_PRODUCT_CLIENT_ID = 'agent_review.client.product_id';
// The app-server client and the agent runtime (`app_server_client`, `runtime`
// of the rows); each is also read from the resource when the span lacks it.
/** All our spans: the client's name, from its `initialize`; also read from the resource; row field `client_name`. */
export const ATTR_CLIENT_NAME = 'agent_review.client.name';
/** All our spans: the client's version; also read from the resource; row field `client_version`. */
export const ATTR_CLIENT_VERSION = 'agent_review.client.version';
/** All our spans: `stdio`, `websocket` or `in_process`; also read from the resource; row field `rpc_transport`. */
export const ATTR_CLIENT_RPC_TRANSPORT = 'agent_review.client.rpc_transport';
/** All our spans: the client asked for the experimental API; also read from the resource; row field `experimental_api_enabled`. */
export const ATTR_CLIENT_EXPERIMENTAL_API = 'agent_review.client.experimental_api_enabled';
/** All our spans: the agent's version, e.g. Codex's `0.169.0`; also read from the resource; row field `codex_rs_version`. */
export const ATTR_RUNTIME_VERSION = 'agent_review.runtime.version';
/** All our spans: the operating system; also read from the resource; row field `runtime_os`. */
export const ATTR_RUNTIME_OS = 'agent_review.runtime.os';
/** All our spans: the operating system's version; also read from the resource; row field `runtime_os_version`. */
export const ATTR_RUNTIME_OS_VERSION = 'agent_review.runtime.os_version';
/** All our spans: the CPU architecture; also read from the resource; row field `runtime_arch`. */
export const ATTR_RUNTIME_ARCH = 'agent_review.runtime.arch';

// --- Reviews (user and guardian) ---
/** `user` or `guardian`; its presence marks a review span. */
export const ATTR_REVIEWER = 'agent_review.reviewer';
/** Guardian review id (user review ids are derived from the request id). */
export const ATTR_REVIEW_ID = 'agent_review.review.id';
/** The request asks for network access (`requested_network_access`). */
export const ATTR_REQUEST_NETWORK_ACCESS = 'agent_review.request.network_access';
/** The request asks for more than the sandbox allows. */
export const ATTR_REQUEST_ADDITIONAL_PERMISSIONS =
  'agent_review.request.additional_permissions';

// --- User reviews ---
/** JSON-RPC id of the approval request (string or integer). */
export const ATTR_REQUEST_ID = 'agent_review.request.id';
/** User review: what is asked; with the network approval context, decides the subject; row field `subject_kind`. */
export const ATTR_REQUEST_KIND = 'agent_review.request.kind';
/** Set when an execve interception asked for the approval. */
export const ATTR_REQUEST_APPROVAL_ID = 'agent_review.request.approval_id';
/** The command approval is really a network approval. */
export const ATTR_REQUEST_NETWORK_APPROVAL_CONTEXT =
  'agent_review.request.network_approval_context';
/** User review: the answer; decides `status` and `resolution` (none: no row); row field `status`. */
export const ATTR_USER_DECISION = 'agent_review.user.decision';
/** User review: scope of a permissions grant; row field `resolution`. */
export const ATTR_PERMISSIONS_GRANT_SCOPE = 'agent_review.permissions.grant_scope';
/** The effective grant is empty (which denies the request). */
export const ATTR_PERMISSIONS_GRANT_EMPTY = 'agent_review.permissions.grant_empty';

// --- Guardian reviews ---
/** Guardian review: default: the action type (none for `request_permissions`); row field `trigger`. */
export const ATTR_GUARDIAN_TRIGGER = 'agent_review.guardian.trigger';
/** Guardian review: why the review was retried; row field `retry_reason`. */
export const ATTR_GUARDIAN_RETRY_REASON = 'agent_review.guardian.retry_reason';
/** Guardian review: the review was delegated to a subagent; row field `delegated_review`. */
export const ATTR_GUARDIAN_DELEGATED = 'agent_review.guardian.delegated';
/** Guardian review: the guardian's verdict; with the failure kind, decides `decision` and `terminal_status`; row field `decision`. */
export const ATTR_GUARDIAN_ASSESSMENT_OUTCOME =
  'agent_review.guardian.assessment.outcome';
/** Guardian review: why the review failed; decides the outcome when present; row field `failure_kind`. */
export const ATTR_GUARDIAN_FAILURE_KIND = 'agent_review.guardian.failure_kind';
/** Guardian review: 0..100; row field `risk_score`. */
export const ATTR_GUARDIAN_RISK_SCORE = 'agent_review.guardian.risk_score';
/** Guardian review: the guardian's risk level; row field `risk_level`. */
export const ATTR_GUARDIAN_RISK_LEVEL = 'agent_review.guardian.risk_level';
/** Content: recorded only when content recording is on. */
export const ATTR_GUARDIAN_RATIONALE = 'agent_review.guardian.rationale';
/** Guardian review: the guardian's own thread; row field `guardian_thread_id`. */
export const ATTR_GUARDIAN_THREAD_ID = 'agent_review.guardian.thread.id';
/** Guardian review: how the guardian session was set up; row field `guardian_session_kind`. */
export const ATTR_GUARDIAN_SESSION_KIND = 'agent_review.guardian.session_kind';
/** Guardian review: the guardian model's reasoning effort; row field `guardian_reasoning_effort`. */
export const ATTR_GUARDIAN_REASONING_EFFORT =
  'agent_review.guardian.reasoning_effort';
/** Guardian review: the session had reviewed before; row field `had_prior_review_context`. */
export const ATTR_GUARDIAN_PRIOR_REVIEW_CONTEXT =
  'agent_review.guardian.prior_review_context';
/** Guardian review: the review's time budget; row field `review_timeout_ms`. */
export const ATTR_GUARDIAN_TIMEOUT_MS = 'agent_review.guardian.timeout_ms';
/** Guardian review: default: input + output when both are known; row field `total_tokens`. */
export const ATTR_GUARDIAN_USAGE_TOTAL_TOKENS =
  'agent_review.guardian.usage.total_tokens';
/**
 * Per-kind tool call counts, `agent_review.guardian.tool_calls.<kind>`.
 * Written when the review finishes so that the SDK's event-count limit
 * cannot lower them; spans without them are counted from their events.
 */
export const ATTR_GUARDIAN_TOOL_CALLS = Object.fromEntries(
  GUARDIAN_TOOL_CALL_KINDS.map(kind => [kind, `agent_review.guardian.tool_calls.${kind}`])
) as Record<GuardianToolCallKind, string>;

/** The GenAI conventions' switch for recording message content; ours for review content. */
export const RECORD_CONTENT_ENV = 'OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT';

/** The span was made with content recording on (missing content keys are null in rows). */
export const ATTR_CONTENT_RECORDED = 'agent_review.content.recorded';

// --- The reviewed action of a guardian review ---
/** Guardian review: the reviewed action; picks its attributes, subject and trigger; row field `reviewed_action`. */
export const ATTR_ACTION_TYPE = 'agent_review.action.type';
/** Guardian review: the action was truncated before review; row field `reviewed_action_truncated`. */
export const ATTR_ACTION_TRUNCATED = 'agent_review.action.truncated';
/** Guardian review: shell, unified_exec: `use_default`, `require_escalated`, `with_additional_permissions`; row field `sandbox_permissions`. */
export const ATTR_ACTION_SANDBOX_PERMISSIONS =
  'agent_review.action.sandbox_permissions';
/** Guardian review: unified_exec: runs in a terminal; row field `tty`. */
export const ATTR_ACTION_TTY = 'agent_review.action.tty';
/** Guardian review: execve: the tool that ran the command; row field `source`. */
export const ATTR_ACTION_SOURCE = 'agent_review.action.source';
/** Guardian review: execve: the program; row field `program`. */
export const ATTR_ACTION_PROGRAM = 'agent_review.action.program';
/** Guardian review: network_access: the protocol; row field `protocol`. */
export const ATTR_ACTION_PROTOCOL = 'agent_review.action.protocol';
/** Guardian review: network_access: the port; row field `port`. */
export const ATTR_ACTION_PORT = 'agent_review.action.port';
/** Content keys below: recorded only when content recording is on. */
export const ATTR_ACTION_COMMAND = 'agent_review.action.command';
/** Guardian review: shell, unified_exec: the command as shown; row field `command_display`. */
export const ATTR_ACTION_COMMAND_DISPLAY = 'agent_review.action.command_display';
/** Guardian review: shell, unified_exec, execve, apply_patch: the working directory; row field `cwd`. */
export const ATTR_ACTION_CWD = 'agent_review.action.cwd';
/** Guardian review: shell, unified_exec: the agent's justification; row field `justification`. */
export const ATTR_ACTION_JUSTIFICATION = 'agent_review.action.justification';
/** JSON text of the additional permission profile. */
export const ATTR_ACTION_ADDITIONAL_PERMISSIONS =
  'agent_review.action.additional_permissions';
/** Guardian review: execve: the arguments; row field `argv`. */
export const ATTR_ACTION_ARGV = 'agent_review.action.argv';
/** Guardian review: apply_patch: the files; row field `files`. */
export const ATTR_ACTION_FILES = 'agent_review.action.files';
/** Guardian review: apply_patch: the patch text; row field `patch`. */
export const ATTR_ACTION_PATCH = 'agent_review.action.patch';
/** Guardian review: network_access: the target; row field `target`. */
export const ATTR_ACTION_TARGET = 'agent_review.action.target';
/** Guardian review: network_access: the host; row field `host`. */
export const ATTR_ACTION_HOST = 'agent_review.action.host';

// --- MCP (guardian actions and MCP tool items) ---
/** Tool item: the MCP server; row field `mcp_server_name`. Guardian review: mcp_tool_call: the MCP server; row field `server`. */
export const ATTR_MCP_SERVER = 'agent_review.mcp.server';
/** Tool item: the MCP tool; row field `mcp_tool_name`. Guardian review: mcp_tool_call: the tool; also the subject name; row field `tool_name`. */
export const ATTR_MCP_TOOL_NAME = 'agent_review.mcp.tool_name';
/** Tool item: the MCP connector; row field `connector_id`. Guardian review: mcp_tool_call: the connector; row field `connector_id`. */
export const ATTR_MCP_CONNECTOR_ID = 'agent_review.mcp.connector_id';
/** Guardian review: mcp_tool_call: the connector's name; row field `connector_name`. */
export const ATTR_MCP_CONNECTOR_NAME = 'agent_review.mcp.connector_name';
/** Guardian review: mcp_tool_call: the tool's title; row field `tool_title`. */
export const ATTR_MCP_TOOL_TITLE = 'agent_review.mcp.tool_title';
/** Content: JSON text of the call's arguments. */
export const ATTR_MCP_ARGUMENTS = 'agent_review.mcp.arguments';
/** Tool item: the MCP call returned an error; row field `mcp_error_present`. */
export const ATTR_MCP_ERROR_PRESENT = 'agent_review.mcp.error_present';

// --- Tool items ---
/** One of TOOL_ITEM_KINDS; its presence marks a tool item span. */
export const ATTR_ITEM_KIND = 'agent_review.item.kind';
/** Tool item: decides `terminal_status` and `failure_kind` (`in_progress`: no row). */
export const ATTR_ITEM_STATUS = 'agent_review.item.status';
/** Tool item: time the tool itself ran; row field `execution_duration_ms`. */
export const ATTR_ITEM_EXECUTION_DURATION_MS =
  'agent_review.item.execution_duration_ms';
/** Tool item: correlation id; row field `cell_id`. */
export const ATTR_ITEM_CELL_ID = 'agent_review.item.cell_id';
/** Tool item: correlation id; row field `parent_call_id`. */
export const ATTR_ITEM_PARENT_CALL_ID = 'agent_review.item.parent_call_id';
/** Tool item: correlation id; row field `originating_response_id`. */
export const ATTR_ITEM_ORIGINATING_RESPONSE_ID =
  'agent_review.item.originating_response_id';
/** Tool item: correlation id; row field `subsequent_response_id`. */
export const ATTR_ITEM_SUBSEQUENT_RESPONSE_ID =
  'agent_review.item.subsequent_response_id';
/** Tool item: dynamic and control tools; row field `success`. */
export const ATTR_ITEM_SUCCESS = 'agent_review.item.success';
/** Tool item: command and MCP items; row field `plugin_id`. */
export const ATTR_PLUGIN_ID = 'agent_review.plugin.id';
/** Tool item: who ran the command; row field `command_execution_source`. */
export const ATTR_COMMAND_SOURCE = 'agent_review.command.source';
/** Tool item: the command's exit code; row field `exit_code`. */
export const ATTR_COMMAND_EXIT_CODE = 'agent_review.command.exit_code';
/** Content: path of the script a plugin command runs. */
export const ATTR_COMMAND_SCRIPT_PATH = 'agent_review.command.script_path';
/** Tool item: parsed command actions; row field `command_read_action_count`. */
export const ATTR_COMMAND_READ_ACTIONS = 'agent_review.command.actions.read';
/** Tool item: parsed command actions; row field `command_list_files_action_count`. */
export const ATTR_COMMAND_LIST_FILES_ACTIONS =
  'agent_review.command.actions.list_files';
/** Tool item: parsed command actions; row field `command_search_action_count`. */
export const ATTR_COMMAND_SEARCH_ACTIONS = 'agent_review.command.actions.search';
/** Tool item: parsed command actions; row field `command_unknown_action_count`. */
export const ATTR_COMMAND_UNKNOWN_ACTIONS = 'agent_review.command.actions.unknown';
/** Tool item: files the patch touches; row field `file_change_count`. */
export const ATTR_FILE_CHANGE_COUNT = 'agent_review.file_change.count';
/** Tool item: files added; row field `file_add_count`. */
export const ATTR_FILE_CHANGE_ADDS = 'agent_review.file_change.adds';
/** Tool item: files updated; row field `file_update_count`. */
export const ATTR_FILE_CHANGE_UPDATES = 'agent_review.file_change.updates';
/** Tool item: files deleted; row field `file_delete_count`. */
export const ATTR_FILE_CHANGE_DELETES = 'agent_review.file_change.deletes';
/** Tool item: files moved; row field `file_move_count`. */
export const ATTR_FILE_CHANGE_MOVES = 'agent_review.file_change.moves';
/** Tool item: the dynamic tool; row field `dynamic_tool_name`. */
export const ATTR_DYNAMIC_TOOL_NAME = 'agent_review.dynamic.tool_name';
/** Tool item: output items of a dynamic tool; row field `output_content_item_count`. */
export const ATTR_DYNAMIC_OUTPUT_CONTENT_ITEMS =
  'agent_review.dynamic.output.content_items';
/** Tool item: text output items; row field `output_text_item_count`. */
export const ATTR_DYNAMIC_OUTPUT_TEXT_ITEMS = 'agent_review.dynamic.output.text_items';
/** Tool item: image output items; row field `output_image_item_count`. */
export const ATTR_DYNAMIC_OUTPUT_IMAGE_ITEMS =
  'agent_review.dynamic.output.image_items';
/** Tool item: audio output items; row field `output_audio_item_count`. */
export const ATTR_DYNAMIC_OUTPUT_AUDIO_ITEMS =
  'agent_review.dynamic.output.audio_items';
/** Tool item: the thread that called the agents; row field `sender_thread_id`. */
export const ATTR_COLLAB_SENDER_THREAD_ID = 'agent_review.collab.sender_thread_id';
/** Tool item: the called agent threads (their number is `receiver_thread_count`); row field `receiver_thread_ids`. */
export const ATTR_COLLAB_RECEIVER_THREAD_IDS =
  'agent_review.collab.receiver_thread_ids';
/** Tool item: model asked for the called agents; row field `requested_model`. */
export const ATTR_COLLAB_REQUESTED_MODEL = 'agent_review.collab.requested_model';
/** Tool item: reasoning effort asked for the called agents; row field `requested_reasoning_effort`. */
export const ATTR_COLLAB_REQUESTED_REASONING_EFFORT =
  'agent_review.collab.requested_reasoning_effort';
/** Tool item: agent states reported; row field `agent_state_count`. */
export const ATTR_COLLAB_AGENT_STATES = 'agent_review.collab.agent_states';
/** Tool item: agents that completed; row field `completed_agent_count`. */
export const ATTR_COLLAB_COMPLETED_AGENTS = 'agent_review.collab.completed_agents';
/** Tool item: agents that failed; row field `failed_agent_count`. */
export const ATTR_COLLAB_FAILED_AGENTS = 'agent_review.collab.failed_agents';
/** Tool item: what the web search did; row field `web_search_action`. */
export const ATTR_WEB_SEARCH_ACTION = 'agent_review.web_search.action';
/** Tool item: the search had a query; row field `query_present`. */
export const ATTR_WEB_SEARCH_QUERY_PRESENT = 'agent_review.web_search.query_present';
/** Tool item: queries of the search; row field `query_count`. */
export const ATTR_WEB_SEARCH_QUERY_COUNT = 'agent_review.web_search.query_count';
/** Tool item: the image model revised the prompt; row field `revised_prompt_present`. */
export const ATTR_IMAGE_REVISED_PROMPT_PRESENT =
  'agent_review.image_generation.revised_prompt_present';
/** Tool item: the image was saved; row field `saved_path_present`. */
export const ATTR_IMAGE_SAVED_PATH_PRESENT =
  'agent_review.image_generation.saved_path_present';

// --- Span events ---
/** Span event on a guardian review: one tool call of the guardian session. */
export const EVENT_GUARDIAN_TOOL_CALL = 'agent_review.guardian.tool_call';
/** Span event on a guardian review: the guardian's first token. */
export const EVENT_GUARDIAN_FIRST_TOKEN = 'agent_review.guardian.first_token';
/** Event attribute: one of GUARDIAN_TOOL_CALL_KINDS. */
export const ATTR_TOOL_CALL_KIND = 'agent_review.tool_call.kind';
