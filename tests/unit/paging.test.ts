import { describe, expect, it } from "vitest";
import { decodePageToken, encodePageToken, keysetPage, pageMeta, type KeysetOrder, type KeysetWhere } from "@/lib/paging";
import { AppError } from "@/lib/errors";

const rows = Array.from({ length: 7 }, (_, index) => ({ id: `row_${index}` }));

// An in-memory stand-in for a Prisma findMany honouring the keyset arguments.
async function fetchRows(where: KeysetWhere, orderBy: KeysetOrder, take: number) {
  let result = [...rows];
  if (where.id && "lt" in where.id) result = result.filter((row) => row.id < (where.id as { lt: string }).lt);
  if (where.id && "gt" in where.id) result = result.filter((row) => row.id > (where.id as { gt: string }).gt);
  result.sort((a, b) => (orderBy.id === "asc" ? a.id.localeCompare(b.id) : b.id.localeCompare(a.id)));
  return result.slice(0, take);
}

describe("keyset paging", () => {
  it("walks forwards and backwards through every row exactly once, in both orders", async () => {
    for (const orderBy of ["ASC", "DESC"] as const) {
      const expected = orderBy === "ASC" ? rows.map((row) => row.id) : rows.map((row) => row.id).reverse();
      const pages: string[][] = [];
      let token: string | undefined;
      do {
        const page = await keysetPage({ pageSize: 3, pageToken: token, orderBy }, fetchRows);
        pages.push(page.items.map((row) => row.id));
        token = page.nextToken ?? undefined;
      } while (token);
      expect(pages.flat()).toEqual(expected);
      expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);

      const first = await keysetPage({ pageSize: 3, orderBy }, fetchRows);
      expect(first.previousToken).toBeNull();
      const second = await keysetPage({ pageSize: 3, orderBy, pageToken: first.nextToken! }, fetchRows);
      const backToFirst = await keysetPage({ pageSize: 3, orderBy, pageToken: second.previousToken! }, fetchRows);
      expect(backToFirst.items).toEqual(first.items);
      expect(backToFirst.previousToken).toBeNull();
      expect(backToFirst.nextToken).not.toBeNull();
    }
  });

  it("has no next page when the rows fit exactly", async () => {
    const page = await keysetPage({ pageSize: 7, orderBy: "ASC" }, fetchRows);
    expect(page.items).toHaveLength(7);
    expect(page.nextToken).toBeNull();
  });

  it("round-trips tokens and rejects foreign ones as 400", () => {
    expect(decodePageToken(encodePageToken({ id: "x", direction: "previous" }))).toEqual({ id: "x", direction: "previous" });
    for (const bad of ["", "abc", Buffer.from('{"i":1,"d":"n"}').toString("base64url"), Buffer.from('{"i":"x","d":"sideways"}').toString("base64url")]) {
      expect(() => decodePageToken(bad)).toThrow(AppError);
    }
  });

  it("builds Twilio's meta block, leaving out tokens that do not apply", () => {
    expect(pageMeta("stores", { items: [1, 2], nextToken: "n", previousToken: null })).toEqual({ key: "stores", pageSize: 2, nextToken: "n" });
  });
});
