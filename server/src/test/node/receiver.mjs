// A webhook receiver for interoperability tests: it verifies every delivery with the official
// Standard Webhooks library, so a signature it accepts is one real subscribers accept.
//
// Environment: WEBHOOK_SECRET (whsec_...), FAIL_FIRST (default 0: the first N attempts of each
// webhook-id answer 503, to exercise retries).
// POST any path: 401 if verification fails, else 503 while failing first attempts, else 204.
// GET /seen: every POST so far, in arrival order. DELETE /seen: forget them (attempt counts stay).
// Prints "listening <port>" once ready; exits when stdin closes, so it dies with its parent.

import http from "node:http";
import { Webhook } from "standardwebhooks";

const webhook = new Webhook(requiredEnv("WEBHOOK_SECRET"));
const failFirst = Number.parseInt(process.env.FAIL_FIRST ?? "0", 10);
const attemptsById = new Map();
let seen = [];

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is required`);
    process.exit(2);
  }
  return value;
}

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function parsedOrNull(rawBody) {
  try {
    return JSON.parse(rawBody.toString("utf8"));
  } catch {
    return null;
  }
}

function verify(rawBody, headers) {
  try {
    webhook.verify(rawBody, headers);
    return { verified: true, error: null };
  } catch (error) {
    return { verified: false, error: String(error.message ?? error) };
  }
}

async function receive(request, response) {
  const rawBody = await readBody(request);
  const webhookId = request.headers["webhook-id"] ?? null;
  const attempt = (attemptsById.get(webhookId) ?? 0) + 1;
  attemptsById.set(webhookId, attempt);
  const { verified, error } = verify(rawBody, request.headers);
  const status = !verified ? 401 : attempt <= failFirst ? 503 : 204;
  seen.push({
    webhook_id: webhookId,
    timestamp: request.headers["webhook-timestamp"] ?? null,
    verified,
    error,
    status,
    attempt,
    path: request.url,
    body: parsedOrNull(rawBody),
  });
  response.writeHead(status).end();
}

function answerSeen(request, response) {
  if (request.url !== "/seen") {
    response.writeHead(404).end();
  } else if (request.method === "GET") {
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(seen));
  } else if (request.method === "DELETE") {
    seen = [];
    response.writeHead(204).end();
  } else {
    response.writeHead(405).end();
  }
}

const server = http.createServer((request, response) => {
  const handled =
    request.method === "POST" ? receive(request, response) : Promise.resolve(answerSeen(request, response));
  handled.catch((error) => {
    console.error(error);
    response.writeHead(500).end();
  });
});

server.listen(0, "127.0.0.1", () => {
  console.log(`listening ${server.address().port}`);
});

process.stdin.on("end", () => process.exit(0));
process.stdin.on("close", () => process.exit(0));
process.stdin.resume();
