/*
 * The client and runtime context Codex puts on `codex_review_event` and the
 * tool item rows, so that each row is self-contained.
 */

/** `app_server_client`: the app-server client that drove the agent. */
export interface AppServerClientFields {
  product_client_id: string | null;
  client_name: string | null;
  client_version: string | null;
  rpc_transport: string | null;
  experimental_api_enabled: boolean | null;
}

/** `runtime`: the agent's runtime. */
export interface RuntimeFields {
  codex_rs_version: string | null;
  runtime_os: string | null;
  runtime_os_version: string | null;
  runtime_arch: string | null;
}
