/*
 * The client and runtime context Codex puts on `codex_review_event` and the
 * tool item rows, so that each row is self-contained.
 */

/** `app_server_client`: the app-server client that drove the agent. */
export interface AppServerClientFields {
  /** The client product; also read from the resource; from `agent_review.client.product_id`. */
  product_client_id: string | null;
  /** The client's name, from its `initialize`; also read from the resource; from `agent_review.client.name`. */
  client_name: string | null;
  /** The client's version; also read from the resource; from `agent_review.client.version`. */
  client_version: string | null;
  /** `stdio`, `websocket` or `in_process`; also read from the resource; from `agent_review.client.rpc_transport`. */
  rpc_transport: string | null;
  /** The client asked for the experimental API; also read from the resource; from `agent_review.client.experimental_api_enabled`. */
  experimental_api_enabled: boolean | null;
}

/** `runtime`: the agent's runtime. */
export interface RuntimeFields {
  /** The agent's version, e.g. Codex's `0.169.0`; also read from the resource; from `agent_review.runtime.version`. */
  codex_rs_version: string | null;
  /** The operating system; also read from the resource; from `agent_review.runtime.os`. */
  runtime_os: string | null;
  /** The operating system's version; also read from the resource; from `agent_review.runtime.os_version`. */
  runtime_os_version: string | null;
  /** The CPU architecture; also read from the resource; from `agent_review.runtime.arch`. */
  runtime_arch: string | null;
}
