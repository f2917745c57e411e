import { describe, expect, it } from "vitest";
import { identifierTypeForChannel, normalizeIdentifier, stripChannelScheme } from "@/lib/identity/normalize-identifier";

function normalized(value: string, normalization: Parameters<typeof normalizeIdentifier>[1]) {
  const result = normalizeIdentifier(value, normalization);
  if (!result.ok) throw new Error(`expected "${value}" to normalise, got: ${result.reason}`);
  return result.value;
}

function rejection(value: string, normalization: Parameters<typeof normalizeIdentifier>[1]) {
  const result = normalizeIdentifier(value, normalization);
  if (result.ok) throw new Error(`expected "${value}" to be rejected, got ${result.value}`);
  return result.reason;
}

describe("normalizeIdentifier: phone", () => {
  it.each([
    // The SPEC's own examples.
    ["(415) 555-0123", "+14155550123"],
    ["415.555.0123", "+14155550123"],
    ["+1 415 555 0123", "+14155550123"],
    ["14155550123", "+14155550123"],
    ["1-415-555-0123", "+14155550123"],
    // US formats as CRMs and people write them.
    ["415-555-0123", "+14155550123"],
    ["415 555 0123", "+14155550123"],
    ["4155550123", "+14155550123"],
    ["+14155550123", "+14155550123"],
    ["+1 (415) 555-0123", "+14155550123"],
    ["1 (415) 555-0123", "+14155550123"],
    ["+1.415.555.0123", "+14155550123"],
    ["+1-415-555-0123", "+14155550123"],
    ["(415)555-0123", "+14155550123"],
    ["  415 555 0123  ", "+14155550123"],
    ["+1\u00a0415\u00a0555\u00a00123", "+14155550123"],
    ["415/555/0123", "+14155550123"],
    ["1-800-356-9377", "+18003569377"],
    ["011 44 20 7946 0958", "+442079460958"],
    // Numbers from elsewhere, written with their country code.
    ["+44 20 7946 0958", "+442079460958"],
    ["+44 (0)20 7946 0958", "+442079460958"],
    ["+44 7700 900123", "+447700900123"],
    ["+49 30 901820", "+4930901820"],
    ["+49 151 12345678", "+4915112345678"],
    ["+33 6 12 34 56 78", "+33612345678"],
    ["+33 1 42 68 53 00", "+33142685300"],
    ["+91 98765 43210", "+919876543210"],
    ["+55 11 91234-5678", "+5511912345678"],
    ["+61 412 345 678", "+61412345678"],
    ["+61 2 9876 5432", "+61298765432"],
    ["+353 85 123 4567", "+353851234567"],
    ["+31 6 12345678", "+31612345678"],
    ["+81 90-1234-5678", "+819012345678"],
    ["+34 612 34 56 78", "+34612345678"],
    ["+52 55 1234 5678", "+525512345678"],
    // The plus sign eaten by a spreadsheet: read as international when it cannot be a US number.
    ["447700900123", "+447700900123"],
    // Channel addresses keep their scheme until normalised.
    ["whatsapp:+447700900555", "+447700900555"],
    ["WhatsApp:+44 7700 900555", "+447700900555"],
    ["whatsapp:+14155550123", "+14155550123"],
    ["sms:+14155550123", "+14155550123"],
    ["tel:+1-415-555-0123", "+14155550123"],
    ["rcs:+14155550123", "+14155550123"],
    ["TEL:4155550123", "+14155550123"],
  ])("%s → %s", (input, expected) => {
    expect(normalized(input, "phone")).toBe(expected);
  });

  it.each([
    ["abc", "not a phone number"],
    ["123", "not a complete phone number"],
    ["555-0123", "not a complete phone number"],
    ["+1 415 555", "not a complete phone number"],
    ["+1 415 555 01234", "not a complete phone number"],
    ["", "empty"],
    ["   ", "empty"],
    ["whatsapp:", "empty"],
    ["+", "not a phone number"],
    ["call 415 555 0123", "not a phone number"],
    ["+1-800-FLOWERS", "not a phone number"],
    ["415 555 0123, 415 555 0124", "not a phone number"],
    ["+1 123 456 7890", "not a North American number"],
    ["(212) 123-4567", "not a North American number"],
    ["+1 (415) 555-0123 ext. 12", "extension"],
    ["4155550123x12", "extension"],
    ["020 7946 0958", "not a complete phone number"],
    ["++14155550123", "not a phone number"],
  ])("rejects %j (%s)", (input, reason) => {
    expect(rejection(input, "phone")).toContain(reason);
  });

  it("reads a national number with another default country when asked", () => {
    expect(normalizeIdentifier("020 7946 0958", "phone", { defaultCountry: "GB" })).toEqual({ ok: true, value: "+442079460958" });
  });

  it("refuses absurdly long input without parsing it", () => {
    expect(rejection("4".repeat(5000), "phone")).toContain("at most 255");
  });
});

describe("normalizeIdentifier: email", () => {
  it.each([
    ["ada@example.com", "ada@example.com"],
    ["Ada@Example.com", "ada@example.com"],
    ["  ADA.LOVELACE@EXAMPLE.CO.UK  ", "ada.lovelace@example.co.uk"],
    ["\tmaria.gonzalez+orders@example.net\n", "maria.gonzalez+orders@example.net"],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ["user@sub.domain.example.org", "user@sub.domain.example.org"],
  ])("%j → %s", (input, expected) => {
    expect(normalized(input, "email")).toBe(expected);
  });

  it.each(["foo@", "@bar.com", "a b@c.com", "ada@example", "ada@@example.com", "ada@exa mple.com", "ada@.com", "ada@example..com", "ada@example.com.", "plainaddress", "", "   "])("rejects %j", (input) => {
    expect(normalizeIdentifier(input, "email").ok).toBe(false);
  });

  it("rejects a value longer than 255 characters", () => {
    expect(rejection(`${"a".repeat(250)}@example.com`, "email")).toContain("at most 255");
  });
});

describe("normalizeIdentifier: trim and none", () => {
  it("trim strips surrounding whitespace and keeps case", () => {
    expect(normalized("  web-ABC123 \n", "trim")).toBe("web-ABC123");
  });

  it("none keeps the value exactly as given", () => {
    expect(normalized("  Mixed Case  ", "none")).toBe("  Mixed Case  ");
  });

  it.each(["trim", "none"] as const)("%s rejects empty and blank values", (normalization) => {
    expect(rejection("", normalization)).toBe("is empty");
    expect(rejection(" \t ", normalization)).toBe("is empty");
  });

  it("rejects 256 characters and accepts 255", () => {
    expect(normalized("x".repeat(255), "trim")).toHaveLength(255);
    expect(rejection("x".repeat(256), "trim")).toContain("at most 255");
    expect(normalized(`  ${"x".repeat(255)}  `, "trim")).toHaveLength(255);
  });

  it("does not strip channel schemes from non-phone types", () => {
    expect(normalized("sms:kiosk-7", "trim")).toBe("sms:kiosk-7");
  });
});

describe("stripChannelScheme and identifierTypeForChannel", () => {
  it("strips only the known schemes, whatever their case", () => {
    expect(stripChannelScheme("whatsapp:+447700900555")).toBe("+447700900555");
    expect(stripChannelScheme("RCS:+14155550123")).toBe("+14155550123");
    expect(stripChannelScheme("sms:+14155550123")).toBe("+14155550123");
    expect(stripChannelScheme("tel:+14155550123")).toBe("+14155550123");
    expect(stripChannelScheme("mailto:ada@example.com")).toBe("mailto:ada@example.com");
    expect(stripChannelScheme("+14155550123")).toBe("+14155550123");
  });

  it("maps every channel to its identifier type (SPEC §4)", () => {
    expect(identifierTypeForChannel("SMS")).toBe("phone");
    expect(identifierTypeForChannel("VOICE")).toBe("phone");
    expect(identifierTypeForChannel("RCS")).toBe("phone");
    expect(identifierTypeForChannel("WHATSAPP")).toBe("whatsapp");
    expect(identifierTypeForChannel("EMAIL")).toBe("email");
    expect(identifierTypeForChannel("CHAT")).toBe("chat");
  });
});
