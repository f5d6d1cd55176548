/*
 * The action a guardian reviews, on its review span. Options: the properties
 * of `GuardianReviewedActionInput`; fields: the keys of the row's
 * `reviewed_action`, whose order per action type GUARDIAN_ACTION_FIELDS gives.
 */
import * as A from '../semconv/attributes.js';
import { GUARDIAN_COMMAND_SOURCES, NETWORK_PROTOCOLS, type GuardianActionType } from '../semconv/values.js';
import {
  type AttributeDefinition,
  countAttribute,
  enumAttribute,
  flagAttribute,
  jsonAttribute,
  stringArrayAttribute,
  stringAttribute,
  attributeTable,
} from './AttributeDefinition.js';
import { encodeJson, encodePermissionProfile } from './encodeJson.js';

const start = { when: 'start' } as const;
const content = { when: 'start', content: true } as const;

export const GUARDIAN_ACTION_ATTRIBUTES = attributeTable({
  command: stringArrayAttribute(A.ATTR_ACTION_COMMAND, {
    ...content,
    field: 'command',
    meaning: 'shell, unified_exec: the command',
  }),
  commandDisplay: stringAttribute(A.ATTR_ACTION_COMMAND_DISPLAY, {
    ...content,
    field: 'command_display',
    meaning: 'shell, unified_exec: the command as shown',
  }),
  cwd: stringAttribute(A.ATTR_ACTION_CWD, {
    ...content,
    field: 'cwd',
    meaning: 'shell, unified_exec, execve, apply_patch: the working directory',
  }),
  sandboxPermissions: stringAttribute(A.ATTR_ACTION_SANDBOX_PERMISSIONS, {
    ...start,
    field: 'sandbox_permissions',
    required: true,
    meaning: 'shell, unified_exec: `use_default`, `require_escalated`, `with_additional_permissions`',
  }),
  additionalPermissions: jsonAttribute(A.ATTR_ACTION_ADDITIONAL_PERMISSIONS, {
    ...content,
    field: 'additional_permissions',
    encode: encodePermissionProfile,
    meaning: 'shell, unified_exec, execve: JSON of the permission profile, as Codex spells it',
  }),
  justification: stringAttribute(A.ATTR_ACTION_JUSTIFICATION, {
    ...content,
    field: 'justification',
    meaning: "shell, unified_exec: the agent's justification",
  }),
  tty: flagAttribute(A.ATTR_ACTION_TTY, {
    ...start,
    field: 'tty',
    meaning: 'unified_exec: runs in a terminal',
  }),
  source: enumAttribute(A.ATTR_ACTION_SOURCE, GUARDIAN_COMMAND_SOURCES, {
    ...start,
    field: 'source',
    required: true,
    meaning: 'execve: the tool that ran the command',
  }),
  program: stringAttribute(A.ATTR_ACTION_PROGRAM, {
    ...start,
    field: 'program',
    required: true,
    meaning: 'execve: the program',
  }),
  argv: stringArrayAttribute(A.ATTR_ACTION_ARGV, {
    ...content,
    field: 'argv',
    meaning: 'execve: the arguments',
  }),
  files: stringArrayAttribute(A.ATTR_ACTION_FILES, {
    ...content,
    field: 'files',
    meaning: 'apply_patch: the files',
  }),
  patch: stringAttribute(A.ATTR_ACTION_PATCH, {
    ...content,
    field: 'patch',
    meaning: 'apply_patch: the patch text',
  }),
  target: stringAttribute(A.ATTR_ACTION_TARGET, {
    ...content,
    field: 'target',
    meaning: 'network_access: the target',
  }),
  host: stringAttribute(A.ATTR_ACTION_HOST, {
    ...content,
    field: 'host',
    meaning: 'network_access: the host',
  }),
  protocol: enumAttribute(A.ATTR_ACTION_PROTOCOL, NETWORK_PROTOCOLS, {
    ...start,
    field: 'protocol',
    required: true,
    meaning: 'network_access: the protocol',
  }),
  port: countAttribute(A.ATTR_ACTION_PORT, {
    ...start,
    field: 'port',
    required: true,
    max: 65535,
    meaning: 'network_access: the port',
  }),
  mcpServer: stringAttribute(A.ATTR_MCP_SERVER, {
    ...start,
    option: 'server',
    field: 'server',
    required: true,
    meaning: 'mcp_tool_call: the MCP server',
  }),
  mcpToolName: stringAttribute(A.ATTR_MCP_TOOL_NAME, {
    ...start,
    option: 'toolName',
    field: 'tool_name',
    required: true,
    meaning: 'mcp_tool_call: the tool; also the subject name',
  }),
  mcpArguments: jsonAttribute(A.ATTR_MCP_ARGUMENTS, {
    ...content,
    option: 'arguments',
    field: 'arguments',
    encode: encodeJson,
    meaning: "mcp_tool_call: JSON of the call's arguments",
  }),
  connectorId: stringAttribute(A.ATTR_MCP_CONNECTOR_ID, {
    ...start,
    field: 'connector_id',
    meaning: 'mcp_tool_call: the connector',
  }),
  connectorName: stringAttribute(A.ATTR_MCP_CONNECTOR_NAME, {
    ...start,
    field: 'connector_name',
    meaning: "mcp_tool_call: the connector's name",
  }),
  toolTitle: stringAttribute(A.ATTR_MCP_TOOL_TITLE, {
    ...start,
    field: 'tool_title',
    meaning: "mcp_tool_call: the tool's title",
  }),
  requestedNetwork: flagAttribute(A.ATTR_REQUEST_NETWORK_ACCESS, {
    ...start,
    option: 'permissions',
    meaning: 'request_permissions: the profile enables network (subject trigger, item flags)',
  }),
  requestedAdditional: flagAttribute(A.ATTR_REQUEST_ADDITIONAL_PERMISSIONS, {
    ...start,
    option: 'permissions',
    meaning: 'request_permissions: network, or a file system grant (subject trigger, item flags)',
  }),
});

const G = GUARDIAN_ACTION_ATTRIBUTES;
const COMMAND_FIELDS = [
  G.command,
  G.commandDisplay,
  G.cwd,
  G.sandboxPermissions,
  G.additionalPermissions,
  G.justification,
];

/** The fields of each action type, in seed 000's key order. */
export const GUARDIAN_ACTION_FIELDS: {
  readonly [T in GuardianActionType]: readonly AttributeDefinition[];
} = {
  shell: COMMAND_FIELDS,
  unified_exec: [...COMMAND_FIELDS, G.tty],
  execve: [G.source, G.program, G.argv, G.cwd, G.additionalPermissions],
  apply_patch: [G.cwd, G.files, G.patch],
  network_access: [G.target, G.host, G.protocol, G.port],
  mcp_tool_call: [G.mcpServer, G.mcpToolName, G.mcpArguments, G.connectorId, G.connectorName, G.toolTitle],
  request_permissions: [],
};
