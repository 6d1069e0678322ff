'use strict';
// Local Step Functions executor for productflow: runs Amazon States Language definitions with
// aws-local-stepfunctions and serves a small subset of the Step Functions API (AWS JSON 1.0
// protocol, so the AWS SDK's SfnClient works against it) on 127.0.0.1:
//   CreateStateMachine, ValidateStateMachineDefinition, ListStateMachines, DescribeStateMachine,
//   DescribeStateMachineForExecution, StartExecution, StopExecution, DescribeExecution, ListExecutions,
//   GetExecutionHistory, plus ProductflowLocal.AwaitExecution (DescribeExecution that waits until it closes)
//   and ProductflowLocal.ResumeExecutions (runs again the journalled executions a crash interrupted).
// The history is the library's own event log (eventLogs) mapped to AWS's event types and fields, with the
// Task*/LambdaFunction* events added by this executor's Lambda calls (the library's log covers states only).
// Every Task state calls Lambda through the standard Invoke API at AWS_ENDPOINT_URL_LAMBDA, with
// AWS's error semantics (Error = errorType, Cause = the error document as a JSON string, and the
// optimized `arn:aws:states:::lambda:invoke` integration's {FunctionName, Payload} / {Payload, ...}).
//
// Usage:
//   node sfn-executor.cjs serve            prints {"port":N} on stdout, serves until stdin closes or SIGTERM
//   node sfn-executor.cjs run DEF INPUT    one execution; prints {"status", "output"|"error","cause"}
//   node sfn-executor.cjs validate DEF...  prints asl-validator's verdict per file, exit 1 if any is invalid
// Environment: PRODUCTFLOW_NODE_ROOT (folder holding node_modules; default: the working directory),
// AWS_ENDPOINT_URL_LAMBDA, PRODUCTFLOW_SFN_RETRY_INTERVAL_MS (local only: fixed retry wait, for tests),
// PRODUCTFLOW_SFN_JOURNAL (serve only: a file that keeps the executions across restarts; see "the journal").

// aws-local-stepfunctions 3.0.0 declares Node >= 22; the only newer API it uses is
// Promise.withResolvers (AbortSignal.any is in Node 20.3+). Polyfill it before loading the library.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

const path = require('node:path');
const fs = require('node:fs');
const http = require('node:http');
const crypto = require('node:crypto');
const { createRequire } = require('node:module');

const nodeRoot = path.resolve(process.env.PRODUCTFLOW_NODE_ROOT || process.cwd());
const requireFromRoot = createRequire(path.join(nodeRoot, 'package.json'));
const { StateMachine } = requireFromRoot('aws-local-stepfunctions');
const aslValidator = requireFromRoot('asl-validator');
const { LambdaClient, InvokeCommand } = requireFromRoot('@aws-sdk/client-lambda');

const REGION = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || 'us-east-1';
const ACCOUNT = '000000000000';
const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
const RETRY_INTERVAL_MS = process.env.PRODUCTFLOW_SFN_RETRY_INTERVAL_MS
  ? Number(process.env.PRODUCTFLOW_SFN_RETRY_INTERVAL_MS)
  : undefined;

// One client for the whole process (the library builds one per Task call). maxAttempts 1: retries
// are the state machine's job, as in AWS, so Lambda service errors reach Retry/Catch.
let lambdaClient;
function lambda() {
  if (!lambdaClient) {
    lambdaClient = new LambdaClient({
      region: REGION,
      endpoint: process.env.AWS_ENDPOINT_URL_LAMBDA,
      maxAttempts: 1,
      credentials: {
        accessKeyId: process.env.AWS_ACCESS_KEY_ID || 'local',
        secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY || 'local',
      },
    });
  }
  return lambdaClient;
}

/** An error the library matches against Retry/Catch ErrorEquals by name; message becomes Cause. */
class TaskError extends Error {
  constructor(name, cause) {
    super(cause);
    this.name = name;
  }
}

async function invokeLambda(functionName, payload) {
  let response;
  try {
    response = await lambda().send(
      new InvokeCommand({ FunctionName: functionName, Payload: Buffer.from(JSON.stringify(payload ?? null)) }),
    );
  } catch (e) {
    // Same names Step Functions reports for Lambda service failures.
    const name = e && e.$metadata && e.$metadata.httpStatusCode ? `Lambda.${e.name}` : 'Lambda.SdkClientException';
    throw new TaskError(name, (e && e.message) || String(e));
  }
  const text = response.Payload ? Buffer.from(response.Payload).toString('utf8') : '';
  if (response.FunctionError) {
    let doc;
    try {
      doc = JSON.parse(text);
    } catch {
      doc = { errorMessage: text, errorType: 'Lambda.Unknown' };
    }
    // Step Functions: Error is the errorType, Cause is the whole error document as a string.
    throw new TaskError(doc.errorType || 'Lambda.Unknown', text);
  }
  const result = text.length ? JSON.parse(text) : null;
  return { result, executedVersion: response.ExecutedVersion || '$LATEST', statusCode: response.StatusCode || 200 };
}

function taskHandler(resource) {
  if (resource === LAMBDA_INVOKE) {
    return async (input) => {
      if (!input || typeof input.FunctionName !== 'string') {
        throw new TaskError('States.Runtime', 'lambda:invoke needs Parameters.FunctionName');
      }
      const { result, executedVersion, statusCode } = await invokeLambda(input.FunctionName, input.Payload);
      // The shape the optimized integration returns in AWS (definitions select $.Payload).
      return {
        ExecutedVersion: executedVersion,
        Payload: result,
        SdkHttpMetadata: { HttpStatusCode: statusCode },
        SdkResponseMetadata: { RequestId: crypto.randomUUID() },
        StatusCode: statusCode,
      };
    };
  }
  return async (input) => (await invokeLambda(resource, input)).result;
}

/**
 * The Task handler of one state for one execution: the Lambda call, with AWS's Task events in its history
 * (TaskScheduled/Started/Succeeded/Failed for the lambda:invoke integration, LambdaFunction* for a function ARN).
 */
function recordingTaskHandler(stateName, resource, history) {
  const call = taskHandler(resource);
  const integration = resource === LAMBDA_INVOKE;
  const base = integration ? { resourceType: 'lambda', resource: 'invoke' } : {};
  return async (input) => {
    // The library dispatched this state's Entered (or Retried) event before calling us; its log reaches
    // our consumer through a few promise hops. After one macrotask they have all run, so Task events
    // land after the state's own events, as in AWS.
    await new Promise((resolve) => setImmediate(resolve));
    if (integration) {
      history.add(stateName, 'TaskScheduled', 'taskScheduledEventDetails', { ...base, region: REGION, parameters: JSON.stringify(input ?? null) });
      history.add(stateName, 'TaskStarted', 'taskStartedEventDetails', { ...base });
    } else {
      history.add(stateName, 'LambdaFunctionScheduled', 'lambdaFunctionScheduledEventDetails', { resource, input: JSON.stringify(input ?? null), inputDetails: { truncated: false } });
      history.add(stateName, 'LambdaFunctionStarted');
    }
    let output;
    try {
      output = await call(input);
    } catch (e) {
      const error = (e && e.name) || 'States.TaskFailed';
      const cause = (e && e.message) || String(e);
      if (integration) history.add(stateName, 'TaskFailed', 'taskFailedEventDetails', { ...base, error, cause });
      else history.add(stateName, 'LambdaFunctionFailed', 'lambdaFunctionFailedEventDetails', { error, cause });
      throw e;
    }
    const out = { output: JSON.stringify(output ?? null), outputDetails: { truncated: false } };
    if (integration) history.add(stateName, 'TaskSucceeded', 'taskSucceededEventDetails', { ...base, ...out });
    else history.add(stateName, 'LambdaFunctionSucceeded', 'lambdaFunctionSucceededEventDetails', out);
    return output;
  };
}

/**
 * One execution's history in AWS's format (GetExecutionHistory): ids from 1 in order of occurrence,
 * previousEventId the event before it in the same state (or the one before it overall), epoch-second timestamps.
 */
class History {
  constructor() {
    this.events = [];
    this.lastByState = new Map();
    this.open = new Map(); // Parallel/Map state name -> {started, failed}
  }

  add(stateName, type, detailsKey, details, timestamp) {
    const id = this.events.length + 1;
    const previous = (stateName && this.lastByState.get(stateName)) || id - 1;
    const event = { timestamp: (timestamp ?? Date.now()) / 1000, type, id, previousEventId: previous };
    if (detailsKey) event[detailsKey] = details;
    this.events.push(event);
    if (stateName) this.lastByState.set(stateName, id);
    return event;
  }

  /** Maps one event of aws-local-stepfunctions' eventLogs (docs/execution-event-logs.md) to AWS events. */
  fromLibrary(e, roleArn) {
    const t = e.timestamp;
    const json = (v) => JSON.stringify(v ?? null);
    const state = e.state || {};
    switch (e.type) {
      case 'ExecutionStarted':
        this.add(null, 'ExecutionStarted', 'executionStartedEventDetails', { input: json(e.input), inputDetails: { truncated: false }, roleArn }, t);
        break;
      case 'ExecutionSucceeded':
        this.add(null, 'ExecutionSucceeded', 'executionSucceededEventDetails', { output: json(e.output), outputDetails: { truncated: false } }, t);
        break;
      case 'ExecutionFailed':
        this.add(null, 'ExecutionFailed', 'executionFailedEventDetails', { error: e.Error, cause: typeof e.Cause === 'string' ? e.Cause : json(e.Cause) }, t);
        break;
      case 'ExecutionAborted':
        this.add(null, 'ExecutionAborted', 'executionAbortedEventDetails', this.abortDetails || {}, t);
        break;
      case 'ExecutionTimeout':
        this.add(null, 'ExecutionTimedOut', 'executionTimedOutEventDetails', { error: 'States.Timeout', cause: 'The execution timed out' }, t);
        break;
      case 'StateEntered':
        this.add(state.name, `${state.type}StateEntered`, 'stateEnteredEventDetails', { name: state.name, input: json(state.input), inputDetails: { truncated: false } }, t);
        if (state.type === 'Map') {
          const items = mapItems(state.input, e.definition);
          this.add(state.name, 'MapStateStarted', 'mapStateStartedEventDetails', { length: items }, t);
        }
        if (state.type === 'Parallel') this.open.set(state.name, { started: false, failed: false });
        break;
      case 'StateExited':
        if (state.type === 'Map') this.add(state.name, 'MapStateSucceeded', null, null, t);
        if (state.type === 'Parallel') this.add(state.name, 'ParallelStateSucceeded', null, null, t);
        this.add(state.name, `${state.type}StateExited`, 'stateExitedEventDetails', { name: state.name, output: json(state.output), outputDetails: { truncated: false } }, t);
        break;
      case 'StateFailed':
        // Task failures are already TaskFailed; AWS has no "state failed" event but for Map and Parallel.
        if (state.type === 'Map') this.add(state.name, 'MapStateFailed', null, null, t);
        if (state.type === 'Parallel' && !(this.open.get(state.name) || {}).failed) this.add(state.name, 'ParallelStateFailed', null, null, t);
        break;
      case 'StateCaught': // the library's StateExited follows with the caught output, as AWS's does
      case 'StateRetried': // AWS shows a retry as the next TaskScheduled; nothing of its own
        break;
      case 'ParallelBranchStarted': {
        const open = this.open.get(e.parentState.name) || { started: false, failed: false };
        if (!open.started) this.add(e.parentState.name, 'ParallelStateStarted', null, null, t);
        open.started = true;
        this.open.set(e.parentState.name, open);
        break;
      }
      case 'ParallelBranchFailed': {
        const open = this.open.get(e.parentState.name) || { started: true, failed: false };
        if (!open.failed) this.add(e.parentState.name, 'ParallelStateFailed', null, null, t);
        open.failed = true;
        this.open.set(e.parentState.name, open);
        break;
      }
      case 'ParallelBranchSucceeded':
        break;
      case 'MapIterationStarted':
        this.add(e.parentState.name, 'MapIterationStarted', 'mapIterationStartedEventDetails', { name: e.parentState.name, index: e.index }, t);
        break;
      case 'MapIterationSucceeded':
        this.add(e.parentState.name, 'MapIterationSucceeded', 'mapIterationSucceededEventDetails', { name: e.parentState.name, index: e.index }, t);
        break;
      case 'MapIterationFailed':
        this.add(e.parentState.name, 'MapIterationFailed', 'mapIterationFailedEventDetails', { name: e.parentState.name, index: e.index }, t);
        break;
      default:
        break;
    }
  }
}

/** A Map state's item count from its input (ItemsPath of the form $ or $.a.b); 0 when not an array. */
function mapItems(input, itemsPath) {
  let value = input;
  if (itemsPath && itemsPath !== '$') {
    for (const part of itemsPath.replace(/^\$\.?/, '').split('.')) value = value == null ? undefined : value[part];
  }
  return Array.isArray(value) ? value.length : 0;
}

/** Every Task state (any depth) by name; ASL state names are unique within a definition. */
function collectTasks(definition, into = {}) {
  for (const [name, state] of Object.entries(definition.States || {})) {
    if (state.Type === 'Task') into[name] = state;
    for (const branch of state.Branches || []) collectTasks(branch, into);
    if (state.ItemProcessor) collectTasks(state.ItemProcessor, into);
    if (state.Iterator) collectTasks(state.Iterator, into);
  }
  return into;
}

/** ItemsPath of every Map state (any depth), for MapStateStarted's length. */
function collectItemsPaths(definition, into = {}) {
  for (const [name, state] of Object.entries(definition.States || {})) {
    if (state.Type === 'Map') into[name] = state.ItemsPath || '$';
    for (const branch of state.Branches || []) collectItemsPaths(branch, into);
    if (state.ItemProcessor) collectItemsPaths(state.ItemProcessor, into);
    if (state.Iterator) collectItemsPaths(state.Iterator, into);
  }
  return into;
}

function collectRetryable(definition, into = []) {
  for (const [name, state] of Object.entries(definition.States || {})) {
    if (state.Retry) into.push(name);
    for (const branch of state.Branches || []) collectRetryable(branch, into);
    if (state.ItemProcessor) collectRetryable(state.ItemProcessor, into);
    if (state.Iterator) collectRetryable(state.Iterator, into);
  }
  return into;
}

/** Things this executor cannot run faithfully: rejected up front instead of silently misrunning. */
function unsupported(definition) {
  const problems = [];
  const walk = (def, where) => {
    if (def.QueryLanguage && def.QueryLanguage !== 'JSONPath') problems.push(`${where}: QueryLanguage ${def.QueryLanguage}`);
    for (const [name, state] of Object.entries(def.States || {})) {
      const at = `${where}/${name}`;
      if (state.QueryLanguage && state.QueryLanguage !== 'JSONPath') problems.push(`${at}: QueryLanguage ${state.QueryLanguage}`);
      if (state.Assign !== undefined) problems.push(`${at}: Assign (variables) is not supported locally`);
      if (state.ItemReader) problems.push(`${at}: ItemReader is not supported locally`);
      if (state.ResultWriter) problems.push(`${at}: ResultWriter is not supported locally`);
      if (state.Type === 'Task') {
        const r = state.Resource;
        const ok = r === LAMBDA_INVOKE || /^arn:aws:lambda:[^:]*:[^:]*:function:/.test(r) || !r.startsWith('arn:');
        if (!ok) problems.push(`${at}: Resource ${r} is not supported locally (only Lambda)`);
      }
      for (const [i, branch] of (state.Branches || []).entries()) walk(branch, `${at}/Branches[${i}]`);
      if (state.ItemProcessor) walk(state.ItemProcessor, `${at}/ItemProcessor`);
      if (state.Iterator) walk(state.Iterator, `${at}/Iterator`);
    }
  };
  walk(definition, '');
  return problems;
}

/** asl-validator 4 (the one in package.json) plus the local-support check, as AWS-style diagnostics. */
function validate(definitionText) {
  let definition;
  try {
    definition = JSON.parse(definitionText);
  } catch (e) {
    return [{ severity: 'ERROR', code: 'INVALID_JSON_DESCRIPTION', message: e.message, location: '' }];
  }
  const diagnostics = [];
  const verdict = aslValidator(structuredClone(definition));
  for (const err of verdict.errors || []) {
    diagnostics.push({
      severity: 'ERROR',
      code: err['Error code'] || 'SCHEMA_VALIDATION_FAILED',
      message: err.Message || JSON.stringify(err),
      location: err.path || '',
    });
  }
  for (const problem of unsupported(definition)) {
    diagnostics.push({ severity: 'ERROR', code: 'UNSUPPORTED_LOCALLY', message: problem, location: '' });
  }
  return diagnostics;
}

// ---- state machines and executions (in memory; executions also in the journal when one is given) ----

const machines = new Map(); // arn -> {name, arn, definitionText, definition, sm, tasks, retryable, created}
const executions = new Map(); // executionArn -> record

class ApiError extends Error {
  constructor(type, message, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

const NAME_RE = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/;

function createStateMachine(req) {
  const name = req.name;
  if (typeof name !== 'string' || !NAME_RE.test(name)) throw new ApiError('InvalidName', `Invalid Name: '${name}'`);
  if (typeof req.definition !== 'string') throw new ApiError('InvalidDefinition', 'definition must be a string');
  const diagnostics = validate(req.definition);
  if (diagnostics.length) {
    throw new ApiError('InvalidDefinition', `Invalid State Machine Definition: ${diagnostics.map((d) => `${d.code}: ${d.message}`).join('; ')}`);
  }
  const arn = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;
  const existing = machines.get(arn);
  if (existing) {
    if (existing.definitionText === req.definition) return { stateMachineArn: arn, creationDate: existing.created };
    throw new ApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
  }
  const definition = JSON.parse(req.definition);
  const sm = new StateMachine(structuredClone(definition), { validationOptions: { noValidate: true } });
  const tasks = Object.fromEntries(Object.entries(collectTasks(definition)).map(([stateName, state]) => [stateName, state.Resource]));
  const created = Date.now() / 1000;
  machines.set(arn, {
    name, arn, definitionText: req.definition, sm, tasks, retryable: collectRetryable(definition), created,
    itemsPaths: collectItemsPaths(definition),
  });
  return { stateMachineArn: arn, creationDate: created };
}

function startExecution(req) {
  const machine = machines.get(req.stateMachineArn);
  if (!machine) throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${req.stateMachineArn}'`);
  const name = req.name === undefined ? crypto.randomUUID() : req.name;
  if (typeof name !== 'string' || !NAME_RE.test(name)) throw new ApiError('InvalidName', `Invalid Name: '${name}'`);
  const inputText = req.input === undefined ? '{}' : req.input;
  let input;
  try {
    input = JSON.parse(inputText);
  } catch (e) {
    throw new ApiError('InvalidExecutionInput', `Invalid execution input: ${e.message}`);
  }
  const executionArn = `arn:aws:states:${REGION}:${ACCOUNT}:execution:${machine.name}:${name}`;
  const existing = executions.get(executionArn);
  if (existing) {
    // AWS: same name + same input while still running is idempotent; anything else is a conflict.
    if (existing.status === 'RUNNING' && existing.input === inputText) {
      return { executionArn, startDate: existing.startDate };
    }
    throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
  }
  const record = { executionArn, stateMachineArn: machine.arn, name, status: 'RUNNING', input: inputText, startDate: Date.now() / 1000, waiters: [] };
  // In the journal (fsync'd) before the caller hears it started: an answered start survives any crash.
  journalAppend({ t: 'start', executionArn, stateMachineArn: machine.arn, name, input: inputText, startDate: record.startDate });
  executions.set(executionArn, record);
  run(machine, record, input);
  return { executionArn, startDate: record.startDate };
}

/** Runs a RUNNING record's execution from its start state (a new one, or one resumed from the journal). */
function run(machine, record, input) {
  const { executionArn, name } = record;
  const history = new History();
  record.history = history;
  const handlers = Object.fromEntries(Object.entries(machine.tasks).map(([stateName, resource]) => [stateName, recordingTaskHandler(stateName, resource, history)]));
  const overrides = { taskResourceLocalHandlers: handlers };
  if (RETRY_INTERVAL_MS !== undefined) {
    overrides.retryIntervalOverrides = Object.fromEntries(machine.retryable.map((s) => [s, RETRY_INTERVAL_MS]));
  }
  const context = {
    Execution: { Id: executionArn, Name: name, RoleArn: `arn:aws:iam::${ACCOUNT}:role/local` },
    StateMachine: { Id: machine.arn, Name: machine.name },
  };
  const execution = machine.sm.run(input, { overrides, context });
  record.abort = execution.abort;
  const roleArn = context.Execution.RoleArn;
  const logged = (async () => {
    for await (const event of execution.eventLogs) {
      if (event.type === 'StateEntered' && event.state.type === 'Map') event.definition = machine.itemsPaths[event.state.name];
      history.fromLibrary(event, roleArn);
    }
  })().catch((e) => process.stderr.write(`history of ${executionArn}: ${(e && e.stack) || e}\n`));
  // Closed once both the result and its history are in, so a closed execution's history is complete.
  const settle = (outcome) => logged.then(() => finish(record, outcome));
  execution.result.then(
    (output) => settle({ status: 'SUCCEEDED', output: JSON.stringify(output) }),
    (err) => settle(failure(err)),
  );
}

// ---- the journal (PRODUCTFLOW_SFN_JOURNAL): executions that survive a crash of the whole system ----
// One JSON line per start ({t:'start', executionArn, stateMachineArn, name, input, startDate}) and per end
// ({t:'end', executionArn, status, stopDate, output, error, cause}), appended and fsync'd. At start-up the
// closed executions are restored as they ended (DescribeExecution, ListExecutions, names stay taken); the
// ones that had not ended are RUNNING again, and ProductflowLocal.ResumeExecutions runs each from its start
// state under the same name and input (so the same lease owner, $$.Execution.Id, and the same idempotence).
// At each start the journal is rewritten from what it holds (a new file, fsync'd, renamed over the old one):
// executions that ended more than JOURNAL_RETENTION_DAYS ago are dropped, as Step Functions forgets a
// standard execution (and frees its name) 90 days after it closed, so a long-used data dir does not grow forever.

const JOURNAL = process.env.PRODUCTFLOW_SFN_JOURNAL || '';
const JOURNAL_RETENTION_DAYS = 90;
let journalFd = null;

function journalAppend(entry) {
  if (journalFd === null) return;
  fs.writeSync(journalFd, `${JSON.stringify(entry)}\n`);
  fs.fsyncSync(journalFd);
}

/** Reads the journal into `executions` and opens it for appending; a torn last line (a kill mid-append) is cut off. */
function loadJournal() {
  if (!JOURNAL) return;
  fs.mkdirSync(path.dirname(JOURNAL), { recursive: true });
  let bytes = Buffer.alloc(0);
  try {
    bytes = fs.readFileSync(JOURNAL);
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
  const complete = bytes.lastIndexOf(0x0a) + 1;
  if (complete < bytes.length) fs.truncateSync(JOURNAL, complete); // never fsync'd, so never answered
  for (const line of bytes.subarray(0, complete).toString('utf8').split('\n')) {
    if (!line.trim()) continue;
    const entry = JSON.parse(line);
    if (entry.t === 'start') {
      executions.set(entry.executionArn, {
        executionArn: entry.executionArn, stateMachineArn: entry.stateMachineArn, name: entry.name, status: 'RUNNING',
        input: entry.input, startDate: entry.startDate, waiters: [], history: restoredHistory(entry), resumable: true,
      });
    } else if (entry.t === 'end') {
      const record = executions.get(entry.executionArn);
      if (!record) continue;
      for (const k of ['status', 'stopDate', 'output', 'error', 'cause']) if (entry[k] !== undefined) record[k] = entry[k];
      record.resumable = false;
      closeRestoredHistory(record);
    }
  }
  compactJournal();
  journalFd = fs.openSync(JOURNAL, 'a');
}

/** Rewrites the journal with the executions kept (see above), atomically: a crash leaves the old file or the new. */
function compactJournal() {
  const forgetBefore = Date.now() / 1000 - JOURNAL_RETENTION_DAYS * 24 * 3600;
  const lines = [];
  for (const [arn, record] of executions) {
    if (record.status !== 'RUNNING' && record.stopDate < forgetBefore) {
      executions.delete(arn);
      continue;
    }
    const { executionArn, stateMachineArn, name, input, startDate } = record;
    lines.push(JSON.stringify({ t: 'start', executionArn, stateMachineArn, name, input, startDate }));
    if (record.status !== 'RUNNING') {
      const { status, stopDate, output, error, cause } = record;
      lines.push(JSON.stringify({ t: 'end', executionArn, status, stopDate, output, error, cause }));
    }
  }
  const temporary = `${JOURNAL}.${process.pid}.tmp`;
  const fd = fs.openSync(temporary, 'w');
  try {
    if (lines.length) fs.writeSync(fd, `${lines.join('\n')}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, JOURNAL);
  const dir = fs.openSync(path.dirname(JOURNAL), 'r');
  try {
    fs.fsyncSync(dir); // the rename itself survives a crash
  } finally {
    fs.closeSync(dir);
  }
}

/** A restored execution's history: its start (the steps of a run before the crash are not kept). */
function restoredHistory(entry) {
  const history = new History();
  history.add(null, 'ExecutionStarted', 'executionStartedEventDetails',
    { input: entry.input, inputDetails: { truncated: false }, roleArn: `arn:aws:iam::${ACCOUNT}:role/local` }, entry.startDate * 1000);
  return history;
}

function closeRestoredHistory(record) {
  const t = (record.stopDate ?? Date.now() / 1000) * 1000;
  const h = record.history;
  if (record.status === 'SUCCEEDED') h.add(null, 'ExecutionSucceeded', 'executionSucceededEventDetails', { output: record.output, outputDetails: { truncated: false } }, t);
  else if (record.status === 'FAILED') h.add(null, 'ExecutionFailed', 'executionFailedEventDetails', { error: record.error, cause: record.cause }, t);
  else if (record.status === 'TIMED_OUT') h.add(null, 'ExecutionTimedOut', 'executionTimedOutEventDetails', { error: record.error, cause: record.cause }, t);
  else if (record.status === 'ABORTED') h.add(null, 'ExecutionAborted', 'executionAbortedEventDetails', { error: record.error, cause: record.cause }, t);
}

/** ProductflowLocal.ResumeExecutions: runs again every journalled execution that had not ended, of machines created since. */
function resumeExecutions() {
  const resumed = [];
  for (const record of executions.values()) {
    const machine = machines.get(record.stateMachineArn);
    if (!record.resumable || record.status !== 'RUNNING' || !machine) continue;
    record.resumable = false;
    run(machine, record, JSON.parse(record.input));
    resumed.push({ executionArn: record.executionArn, name: record.name });
  }
  return { resumed };
}

function failure(err) {
  if (err && err.name === 'ExecutionTimeoutError') return { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution timed out' };
  if (err && err.name === 'ExecutionAbortedError') return { status: 'ABORTED' };  // error/cause: see finish()
  const root = err && err.name === 'ExecutionError' && err.cause ? err.cause : err;
  return { status: 'FAILED', error: (root && root.name) || 'States.Runtime', cause: (root && root.message) || String(root) };
}

function finish(record, outcome) {
  if (record.status !== 'RUNNING') return;
  if (outcome.status === 'ABORTED' && record.abortError) Object.assign(outcome, record.abortError);
  Object.assign(record, outcome, { stopDate: record.stopRequested ?? Date.now() / 1000 });
  try {
    const { executionArn, status, stopDate, output, error, cause } = record;
    journalAppend({ t: 'end', executionArn, status, stopDate, output, error, cause });
  } catch (e) {
    process.stderr.write(`journal: cannot record the end of ${record.executionArn}: ${(e && e.stack) || e}\n`);
  }
  const waiters = record.waiters;
  record.waiters = [];
  for (const w of waiters) w();
}

function describe(record) {
  const out = {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: record.startDate,
    input: record.input,
  };
  for (const k of ['stopDate', 'output', 'error', 'cause']) if (record[k] !== undefined) out[k] = record[k];
  return out;
}

function findExecution(req) {
  const record = executions.get(req.executionArn);
  if (!record) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${req.executionArn}'`);
  return record;
}

/** Newest first, like AWS; one page holds everything (local volumes are small). */
function listExecutions(req) {
  if (!machines.has(req.stateMachineArn)) {
    throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${req.stateMachineArn}'`);
  }
  const list = [...executions.values()]
    .filter((e) => e.stateMachineArn === req.stateMachineArn && (!req.statusFilter || e.status === req.statusFilter))
    .sort((a, b) => b.startDate - a.startDate)
    .map((e) => {
      const item = { executionArn: e.executionArn, stateMachineArn: e.stateMachineArn, name: e.name, status: e.status, startDate: e.startDate };
      if (e.stopDate !== undefined) item.stopDate = e.stopDate;
      return item;
    });
  return { executions: list };
}

/** StopExecution: aborts a running execution (a Lambda call in flight runs to its end, as in AWS). */
function stopExecution(req) {
  const record = findExecution(req);
  if (record.status === 'RUNNING' && record.abort === undefined) {
    // Restored from the journal and not resumed yet: nothing runs, so it closes now.
    record.abortError = { error: req.error, cause: req.cause };
    finish(record, { status: 'ABORTED', error: req.error, cause: req.cause });
  } else if (record.status === 'RUNNING') {
    const details = {};
    if (req.error !== undefined) details.error = String(req.error);
    if (req.cause !== undefined) details.cause = String(req.cause);
    record.history.abortDetails = details;
    record.stopRequested = Date.now() / 1000;
    record.abortError = details;
    record.abort();
  }
  return { stopDate: record.stopDate ?? record.stopRequested };
}

/** Pages by event id, so a page boundary stays put while a running execution adds events. */
function getExecutionHistory(req) {
  const record = findExecution(req);
  const max = req.maxResults === undefined || req.maxResults === 0 ? 100 : Number(req.maxResults);
  if (!Number.isInteger(max) || max < 1 || max > 1000) throw new ApiError('ValidationException', `maxResults must be between 1 and 1000, got ${req.maxResults}`);
  const events = record.history.events;
  const reverse = req.reverseOrder === true;
  let from;
  if (req.nextToken !== undefined && req.nextToken !== null) {
    const decoded = /^[0-9]+$/.test(String(req.nextToken)) ? null : Buffer.from(String(req.nextToken), 'base64url').toString('utf8');
    const m = decoded && /^h:([0-9]+):(f|r)$/.exec(decoded);
    if (!m || (m[2] === 'r') !== reverse) throw new ApiError('InvalidToken', `Invalid Token: '${req.nextToken}'`);
    from = Number(m[1]);
  } else {
    from = reverse ? events.length : 1;
  }
  const page = [];
  if (reverse) {
    for (let id = from; id >= 1 && page.length < max; id--) page.push(events[id - 1]);
  } else {
    for (let id = from; id <= events.length && page.length < max; id++) page.push(events[id - 1]);
  }
  const includeData = req.includeExecutionData !== false;
  const out = { events: includeData ? page : page.map(withoutData) };
  const last = page.length ? page[page.length - 1].id : null;
  const more = last !== null && (reverse ? last > 1 : last < events.length || record.status === 'RUNNING');
  if (more && page.length === max) {
    out.nextToken = Buffer.from(`h:${reverse ? last - 1 : last + 1}:${reverse ? 'r' : 'f'}`, 'utf8').toString('base64url');
  }
  return out;
}

/** includeExecutionData=false: the events without inputs, outputs, parameters, errors and causes. */
function withoutData(event) {
  const copy = { ...event };
  for (const [key, value] of Object.entries(copy)) {
    if (key.endsWith('EventDetails') && value && typeof value === 'object') {
      const d = { ...value };
      for (const f of ['input', 'output', 'parameters', 'cause', 'error']) delete d[f];
      copy[key] = d;
    }
  }
  return copy;
}

function machineFor(req) {
  const machine = machines.get(req.stateMachineArn);
  if (!machine) throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${req.stateMachineArn}'`);
  return machine;
}

const LOGGING = { level: 'OFF', includeExecutionData: false };

function describeStateMachine(machine) {
  return {
    stateMachineArn: machine.arn, name: machine.name, status: 'ACTIVE', definition: machine.definitionText,
    roleArn: `arn:aws:iam::${ACCOUNT}:role/local`, type: 'STANDARD', creationDate: machine.created, loggingConfiguration: LOGGING,
  };
}

function describeStateMachineForExecution(req) {
  const machine = machineFor({ stateMachineArn: findExecution(req).stateMachineArn });
  return {
    stateMachineArn: machine.arn, name: machine.name, definition: machine.definitionText,
    roleArn: `arn:aws:iam::${ACCOUNT}:role/local`, updateDate: machine.created, loggingConfiguration: LOGGING,
  };
}

/** Sorted by name; one page (a local stack has a handful). */
function listStateMachines() {
  const list = [...machines.values()].sort((a, b) => a.name.localeCompare(b.name))
    .map((m) => ({ stateMachineArn: m.arn, name: m.name, type: 'STANDARD', creationDate: m.created }));
  return { stateMachines: list };
}

async function awaitExecution(req) {
  const record = findExecution(req);
  if (record.status === 'RUNNING') {
    const timeoutMs = Math.max(0, Number(req.timeoutSeconds ?? 60) * 1000);
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      record.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  return describe(record);
}

const operations = {
  'AWSStepFunctions.CreateStateMachine': createStateMachine,
  'AWSStepFunctions.ValidateStateMachineDefinition': (req) => {
    const diagnostics = validate(req.definition);
    return { result: diagnostics.length ? 'FAIL' : 'OK', diagnostics, truncated: false };
  },
  'AWSStepFunctions.StartExecution': startExecution,
  'AWSStepFunctions.DescribeExecution': (req) => describe(findExecution(req)),
  'AWSStepFunctions.ListExecutions': listExecutions,
  'AWSStepFunctions.GetExecutionHistory': getExecutionHistory,
  'AWSStepFunctions.StopExecution': stopExecution,
  'AWSStepFunctions.ListStateMachines': listStateMachines,
  'AWSStepFunctions.DescribeStateMachine': (req) => describeStateMachine(machineFor(req)),
  'AWSStepFunctions.DescribeStateMachineForExecution': describeStateMachineForExecution,
  'ProductflowLocal.AwaitExecution': awaitExecution,
  'ProductflowLocal.ResumeExecutions': resumeExecutions,
};

function serve() {
  loadJournal();
  const server = http.createServer((request, response) => {
    const chunks = [];
    request.on('data', (c) => chunks.push(c));
    request.on('end', async () => {
      const reply = (status, body, type) => {
        const text = JSON.stringify(body);
        const headers = { 'Content-Type': 'application/x-amz-json-1.0', 'Content-Length': Buffer.byteLength(text) };
        if (type) headers['x-amzn-ErrorType'] = type;
        response.writeHead(status, headers);
        response.end(text);
      };
      try {
        const target = request.headers['x-amz-target'];
        const op = operations[target];
        if (request.method !== 'POST' || !op) throw new ApiError('UnknownOperationException', `Unknown operation ${target}`);
        let req;
        try {
          req = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        } catch (e) {
          throw new ApiError('SerializationException', e.message);
        }
        reply(200, await op(req));
      } catch (e) {
        if (e instanceof ApiError) reply(e.status, { __type: e.type, message: e.message }, e.type);
        else reply(500, { __type: 'InternalFailure', message: String((e && e.stack) || e) }, 'InternalFailure');
      }
    });
  });
  server.keepAliveTimeout = 60000;
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: server.address().port, pid: process.pid })}\n`);
  });
  const stop = () => process.exit(0);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // The parent owns us: when its end of stdin closes (it exited or stopped us), leave too.
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
}

async function runOnce(definitionFile, inputFile) {
  const started = process.hrtime.bigint();
  const { stateMachineArn } = createStateMachine({ name: 'once', definition: fs.readFileSync(definitionFile, 'utf8') });
  const input = inputFile ? fs.readFileSync(inputFile, 'utf8') : '{}';
  const { executionArn } = startExecution({ stateMachineArn, input });
  const result = await awaitExecution({ executionArn, timeoutSeconds: 3600 });
  result.millis = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exitCode = result.status === 'SUCCEEDED' ? 0 : 1;
}

function validateFiles(files) {
  let ok = true;
  for (const file of files) {
    const diagnostics = validate(fs.readFileSync(file, 'utf8'));
    ok = ok && diagnostics.length === 0;
    process.stdout.write(`${JSON.stringify({ file, result: diagnostics.length ? 'FAIL' : 'OK', diagnostics })}\n`);
  }
  process.exitCode = ok ? 0 : 1;
}

const [command, ...args] = process.argv.slice(2);
if (command === 'serve') serve();
else if (command === 'run') runOnce(args[0], args[1]).catch((e) => {
  process.stderr.write(`${(e && e.stack) || e}\n`);
  process.exitCode = 2;
});
else if (command === 'validate') validateFiles(args);
else {
  process.stderr.write('usage: sfn-executor.cjs serve | run DEFINITION [INPUT] | validate DEFINITION...\n');
  process.exitCode = 2;
}
