import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { callApi, listRouteFiles } from "../helpers/call-api";

const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

describe("health and OpenAPI", () => {
  it("reports healthy with a database check once started", async () => {
    const response = await callApi("GET", "/api/health");
    expect(response.status).toBe(200);
    expect(response.body.status).toBe("ok");
    expect(["embedded", "postgres"]).toContain(response.body.database.kind);
    expect(typeof response.body.database.latencyMs).toBe("number");
  });

  it("serves an OpenAPI 3.1 document describing every route file and method under app/", async () => {
    const response = await callApi("GET", "/openapi.json");
    expect(response.status).toBe(200);
    const document = response.body;
    expect(document.openapi).toBe("3.1.0");
    const documented = new Set<string>();
    for (const [route, operations] of Object.entries(document.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(operations)) documented.add(`${method.toUpperCase()} ${route}`);
    }
    const appDir = path.resolve(__dirname, "..", "..", "app");
    const served: string[] = [];
    for (const file of listRouteFiles()) {
      const route = "/" + path.relative(appDir, path.dirname(file)).split(path.sep).filter((segment) => !/^\(.*\)$/.test(segment)).join("/");
      if (route.startsWith("/api/auth")) continue; // Auth.js's own endpoints, not Kith's API
      const source = readFileSync(file, "utf8");
      for (const method of methods) {
        if (new RegExp(`export (const|async function) ${method}\\b`).test(source)) served.push(`${method} ${route.replace(/\[(\w+)\]/g, "{$1}")}`);
      }
    }
    expect(served.length).toBeGreaterThan(10);
    expect(served.filter((operation) => !documented.has(operation))).toEqual([]);
    expect([...documented].filter((operation) => !served.includes(operation))).toEqual([]);
  });

  it("documents request bodies from the validating schemas", async () => {
    const document = (await callApi("GET", "/openapi.json")).body;
    const createStore = document.paths["/v1/ControlPlane/Stores"].post;
    const schema = createStore.requestBody.content["application/json"].schema;
    expect(schema.required).toEqual(["displayName"]);
    expect(schema.properties.displayName.pattern).toBe("^[a-zA-Z0-9-]+$");
    expect(createStore.responses["202"]).toBeDefined();
    expect(createStore.responses["401"]).toBeDefined();
    const listStores = document.paths["/v1/ControlPlane/Stores"].get;
    expect(listStores.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(["pageSize", "pageToken", "orderBy"]);
  });
});
