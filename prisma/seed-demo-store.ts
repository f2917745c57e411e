// The demo store the server seeds at start (unless KITH_SEED_DEMO=0) and `npm run seed` writes:
// a small outdoor-gear shop's customers and their conversations, generated deterministically.
import { getPrisma } from "../lib/db/client";
import { Prisma } from "../lib/db/generated/client";
import type { Channel, ConversationStatus, ParticipantType } from "../lib/db/generated/enums";
import type { Tx } from "../lib/db/transaction";
import { defaultConversationTimeouts } from "../lib/stores/store-schemas";
import { enqueueExtractionJobs } from "../lib/extraction/extraction-job";
import { buildConversations, buildProfiles, buildStore, createSeededRandom, type BuildAddress, type BuildIdentifierInput, type SeededRandom } from "./builders";
import { demoConversationScripts, type DemoPersona, type ScriptContext } from "./builders/demo-conversation-scripts";

export type DemoSeedResult = { storeId: string; displayName: string; created: boolean };

export type SeedDemoStoreOptions = {
  /** The moment the generated history ends (conversations lie in the ~90 days before it). */
  now?: Date;
};

export const DEMO_STORE_NAME = "demo";
const DEMO_DESCRIPTION = "Demo store: a small outdoor-gear shop's customers";
// Fixed: the demo store has the same customers and conversations every time it is seeded.
const DEMO_SEED = 20_261_124;

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

type Region = DemoPersona["region"];
type CustomerChannel = Extract<Channel, "SMS" | "WHATSAPP" | "EMAIL" | "CHAT">;

type DemoConversationPlan = {
  channel: CustomerChannel;
  status: ConversationStatus;
  agent: { type: ParticipantType; name: string; address: BuildAddress };
  messages: { fromCustomer: boolean; text: string; occurredAt: Date; resourceId: string }[];
};

type DemoCustomerPlan = {
  persona: DemoPersona;
  email: string;
  /** As the customer typed it in their mail client: sometimes with capitals. */
  emailAsSent: string;
  phone: string;
  chatId: string;
  channels: CustomerChannel[];
  imported: boolean;
  hasAddressTrait: boolean;
  createdAt: Date;
  conversations: DemoConversationPlan[];
};

// ------------------------------------------------------------------ who the customers are

const usFirstNames = [
  "Maria", "James", "Aisha", "Daniel", "Priya", "Connor", "Sofia", "Marcus", "Emily", "Hiroshi", "Grace", "Luis", "Hannah", "Kwame",
  "Olivia", "Ethan", "Mei", "Noah", "Zoe", "Samuel", "Ana", "Tyler", "Fatima", "Ben", "Chloe", "Diego", "Rachel", "Owen",
];
const usLastNames = [
  "Gonzalez", "Carter", "Okafor", "Kim", "Raman", "Walsh", "Rossi", "Bennett", "Nguyen", "Tanaka", "Holloway", "Herrera", "Fischer", "Mensah",
  "Brooks", "Sullivan", "Chen", "Patel", "Lindqvist", "Adeyemi", "Morales", "Jensen", "Haddad", "Whitaker", "Dubois", "Ramirez", "Levy", "Price",
];
const europeans: { firstName: string; lastName: string; region: Region; city: string; address: string; phone: (random: SeededRandom) => string }[] = [
  { firstName: "Oliver", lastName: "Hughes", region: "UK", city: "Leeds", address: "14 Kelso Road, Leeds LS2 9PQ, UK", phone: ukPhone },
  { firstName: "Amelia", lastName: "Clarke", region: "UK", city: "Bristol", address: "22 Gloucester Road, Bristol BS7 8AE, UK", phone: ukPhone },
  { firstName: "Callum", lastName: "Reid", region: "UK", city: "Edinburgh", address: "7 Marchmont Crescent, Edinburgh EH9 1HN, UK", phone: ukPhone },
  { firstName: "Imogen", lastName: "Shaw", region: "UK", city: "Manchester", address: "3 Brunswick Street, Manchester M13 9TQ, UK", phone: ukPhone },
  { firstName: "Lukas", lastName: "Becker", region: "EU", city: "Berlin", address: "Bergmannstraße 12, 10961 Berlin, Germany", phone: (r) => `+49151${digits(r, 8)}` },
  { firstName: "Camille", lastName: "Laurent", region: "EU", city: "Paris", address: "14 Rue Oberkampf, 75011 Paris, France", phone: (r) => `+336${digits(r, 8)}` },
  { firstName: "Niamh", lastName: "Byrne", region: "EU", city: "Dublin", address: "27 Harcourt Street, Dublin 2, Ireland", phone: (r) => `+35385${digits(r, 7)}` },
  { firstName: "Daan", lastName: "de Vries", region: "EU", city: "Amsterdam", address: "Westerstraat 118, 1015 MN Amsterdam, Netherlands", phone: (r) => `+316${digits(r, 8)}` },
];

// Area code → city, state, ZIP, the nearest Trailhead shop (null: online only) and some streets.
const usCities = [
  { area: "303", city: "Denver", state: "CO", zip: "80205", shop: "Denver", streets: ["Larimer St", "Downing St", "Tennyson St"] },
  { area: "720", city: "Boulder", state: "CO", zip: "80302", shop: "Boulder", streets: ["Pearl St", "Mapleton Ave", "Spruce St"] },
  { area: "503", city: "Portland", state: "OR", zip: "97214", shop: "Portland", streets: ["SE Belmont St", "SE Hawthorne Blvd", "NE Alberta St"] },
  { area: "206", city: "Seattle", state: "WA", zip: "98103", shop: "Seattle", streets: ["N 45th St", "Fremont Ave N", "Stone Way N"] },
  { area: "801", city: "Salt Lake City", state: "UT", zip: "84105", shop: "Salt Lake City", streets: ["S 1100 E", "Emerson Ave", "Yale Ave"] },
  { area: "415", city: "San Francisco", state: "CA", zip: "94110", shop: null, streets: ["Valencia St", "Guerrero St", "Shotwell St"] },
  { area: "617", city: "Boston", state: "MA", zip: "02130", shop: null, streets: ["Centre St", "Perkins St", "Green St"] },
  { area: "512", city: "Austin", state: "TX", zip: "78704", shop: null, streets: ["S 1st St", "Annie St", "W Mary St"] },
  { area: "802", city: "Burlington", state: "VT", zip: "05401", shop: null, streets: ["N Winooski Ave", "Pine St", "Loomis St"] },
] as const;

const trips = {
  US: ["Yosemite", "Zion", "the Enchantments", "Glacier National Park", "the John Muir Trail", "Big Bend", "Acadia", "the Wind River Range", "Olympic National Park", "the Maroon Bells"],
  UK: ["the Lake District", "the Isle of Skye", "Snowdonia", "the Cairngorms", "the West Highland Way"],
  EU: ["the Dolomites", "the Tour du Mont Blanc", "the Picos de Europa", "the Julian Alps", "Connemara"],
};
const petNames = ["Biscuit", "Juniper", "Moose", "Pepper", "Ziggy", "Luna", "Otis", "Maple", "Scout", "Tilly"];
const petKinds = ["a 60-pound lab", "a border collie", "a beagle", "an old golden retriever", "a husky mix", "a cattle dog"];
const kidNames = ["Mia", "Ava", "Lily", "Nora", "Ruby", "Isla"];
const partnerNames = ["Sam", "Alex", "Jamie", "Chris", "Taylor", "Robin", "Morgan", "Jordan"];
const humanAgents = ["Jess", "Marco", "Dana", "Theo"];
const aiAgentName = "Trailhead Assistant";
const shopNumber = "+13035550100";
const supportEmail = "help@trailhead-outfitters.example";
const emailDomains = ["example.com", "example.net", "example.org"];

function digits(random: SeededRandom, count: number): string {
  let out = String(random.integer(1, 9));
  while (out.length < count) out += String(random.integer(0, 9));
  return out;
}

// Ofcom's drama range: real-looking UK mobiles that reach no one.
function ukPhone(random: SeededRandom): string {
  return `+447700900${String(random.integer(0, 999)).padStart(3, "0")}`;
}

function emailFor(random: SeededRandom, firstName: string, lastName: string, taken: Set<string>): string {
  const first = firstName.toLowerCase().replace(/[^a-z]/g, "");
  const last = lastName.toLowerCase().replace(/[^a-z]/g, "");
  const locals = [`${first}.${last}`, `${first}${last[0]}`, `${first[0]}${last}`, `${first}.${last}${random.integer(10, 99)}`];
  let email = `${random.pick(locals)}@${random.pick(emailDomains)}`;
  while (taken.has(email)) email = `${first}.${last}${random.integer(100, 999)}@${random.pick(emailDomains)}`;
  taken.add(email);
  return email;
}

// "maria.gonzalez@example.com" → "Maria.Gonzalez@example.com": how some mail clients send it.
function capitalizeEmail(email: string): string {
  const [local, domain] = email.split("@");
  return `${local.replace(/(^|\.)([a-z])/g, (_, dot: string, letter: string) => dot + letter.toUpperCase())}@${domain}`;
}

function channelsFor(random: SeededRandom, region: Region): CustomerChannel[] {
  const all: CustomerChannel[] = ["SMS", "WHATSAPP", "EMAIL", "CHAT"];
  const primary: CustomerChannel =
    region === "US" ? random.pick<CustomerChannel>(["SMS", "SMS", "SMS", "SMS", "EMAIL", "EMAIL", "EMAIL", "CHAT", "CHAT", "WHATSAPP"]) : random.pick<CustomerChannel>(["WHATSAPP", "WHATSAPP", "EMAIL"]);
  const extra = random.chance(0.12) ? 2 : random.chance(0.3) ? 1 : 0;
  // Europeans rarely text a US shop number; they use WhatsApp instead.
  const others = random.sample(all.filter((channel) => channel !== primary && !(region !== "US" && channel === "SMS")), extra);
  return [primary, ...others];
}

function planCustomers(random: SeededRandom, now: Date): Omit<DemoCustomerPlan, "conversations">[] {
  const takenEmails = new Set<string>();
  const usNumbers = random.sample(Array.from({ length: 100 }, (_, index) => index + 100), usFirstNames.length);
  const lastNames = random.sample(usLastNames, usLastNames.length);
  const people = [
    ...usFirstNames.map((firstName, index) => {
      const city = random.pick(usCities);
      return {
        firstName,
        lastName: lastNames[index],
        region: "US" as Region,
        city: city.city,
        shop: city.shop as string | null,
        address: `${random.integer(12, 4800)} ${random.pick(city.streets)}, ${city.city}, ${city.state} ${city.zip}`,
        // 555-01XX: the range set aside for fiction.
        phone: `+1${city.area}5550${usNumbers[index]}`,
      };
    }),
    ...europeans.map((person) => ({ ...person, shop: null, phone: person.phone(random) })),
  ];
  // Interleave Europeans among the Americans so every slice of the list looks like the whole.
  const order = random.sample(people, people.length);

  return order.map((person) => {
    const email = emailFor(random, person.firstName, person.lastName, takenEmails);
    const persona: DemoPersona = {
      firstName: person.firstName,
      lastName: person.lastName,
      region: person.region,
      city: person.city,
      shop: person.shop,
      address: person.address,
      pet: random.chance(0.4) ? { name: random.pick(petNames), kind: random.pick(petKinds), pronoun: random.chance(0.5) ? "he" : "she" } : null,
      kid: random.chance(0.25) ? { name: random.pick(kidNames), age: random.integer(6, 11) } : null,
      partner: random.chance(0.5) ? random.pick(partnerNames) : null,
      trip: random.pick(trips[person.region]),
      shoeSize: random.integer(14, 24) / 2,
    };
    const imported = random.chance(0.65);
    return {
      persona,
      email,
      emailAsSent: random.chance(0.25) ? capitalizeEmail(email) : email,
      phone: person.phone,
      chatId: `web-${random.hex(12)}`,
      channels: channelsFor(random, person.region),
      imported,
      hasAddressTrait: imported && random.chance(0.45),
      // Imported from the shop's customer list months ago; others appear with their first conversation.
      createdAt: new Date(now.getTime() - random.integer(120, 400) * day - random.integer(0, day)),
    };
  });
}

// ------------------------------------------------------------------ what they said

function agentFor(random: SeededRandom, channel: CustomerChannel): DemoConversationPlan["agent"] {
  const isAi = channel === "CHAT" ? random.chance(0.8) : channel === "EMAIL" ? false : random.chance(0.3);
  const name = isAi ? aiAgentName : random.pick(humanAgents);
  const address: BuildAddress =
    channel === "SMS"
      ? { channel, address: shopNumber }
      : channel === "WHATSAPP"
        ? { channel, address: `whatsapp:${shopNumber}` }
        : channel === "EMAIL"
          ? { channel, address: supportEmail }
          : { channel, address: isAi ? "trailhead-assistant" : `agent-${name.toLowerCase()}` };
  return { type: isAi ? "AI_AGENT" : "HUMAN_AGENT", name, address };
}

function resourceIdFor(random: SeededRandom, channel: CustomerChannel): string {
  if (channel === "SMS" || channel === "WHATSAPP") return `SM${random.hex(32)}`;
  if (channel === "CHAT") return `IM${random.hex(32)}`;
  return `<${random.hex(24)}@mail.trailhead-outfitters.example>`;
}

// Minutes between one message and the next, by channel and by who answers.
function gapFor(random: SeededRandom, channel: CustomerChannel, fromCustomer: boolean): number {
  if (channel === "CHAT") return random.integer(1, fromCustomer ? 4 : 2) * minute - random.integer(0, 40) * 1000;
  if (channel === "EMAIL") return random.integer(fromCustomer ? 60 : 30, fromCustomer ? 600 : 300) * minute;
  return random.integer(1, fromCustomer ? 25 : 8) * minute;
}

function formatDay(date: Date): string {
  return date.toLocaleDateString("en-US", { month: "long", day: "numeric", timeZone: "UTC" });
}

function dressForEmail(text: string, fromCustomer: boolean, persona: DemoPersona, agentName: string): string {
  return fromCustomer
    ? `Hi Trailhead team,\n\n${text}\n\nThanks,\n${persona.firstName}`
    : `Hi ${persona.firstName},\n\n${text}\n\nBest,\n${agentName}\nTrailhead Outfitters Customer Care`;
}

/**
 * One conversation: a script for this persona, given alternating lines, message times ending at
 * `endAt` (open conversations) or starting at `startAt` (closed ones).
 */
function planConversation(
  random: SeededRandom,
  customer: Omit<DemoCustomerPlan, "conversations">,
  channel: CustomerChannel,
  status: ConversationStatus,
  when: { startAt: Date } | { endAt: Date },
  usedTopics: Set<string>,
): DemoConversationPlan {
  const { persona } = customer;
  const candidates = demoConversationScripts.filter((script) => !usedTopics.has(script.topic) && (!script.fits || script.fits(persona)));
  const script = random.pick(candidates);
  usedTopics.add(script.topic);
  const agent = agentFor(random, channel);
  const anchor = "startAt" in when ? when.startAt : new Date(when.endAt.getTime() - day);
  const context: ScriptContext = {
    persona,
    agentName: agent.name,
    random,
    order: `TH-${random.integer(40_000, 99_999)}`,
    dayAfter: (days) => formatDay(new Date(anchor.getTime() + days * day)),
  };
  let lines = script.lines(context).map((text, index) => ({ text, fromCustomer: script.agentFirst ? index % 2 === 1 : index % 2 === 0 }));
  // A chat or message thread often opens with a hello and ends with thanks.
  if (channel !== "EMAIL" && !script.agentFirst && random.chance(0.35)) {
    lines = [
      { text: random.pick(["Hi, is this Trailhead Outfitters?", "Hello! Quick question.", "Hi there"]), fromCustomer: true },
      { text: random.pick(["Yes! How can we help?", agent.type === "AI_AGENT" ? "Hi! I'm the Trailhead Assistant. How can I help?" : `Hi, this is ${agent.name}. What can I do for you?`]), fromCustomer: false },
      ...lines,
    ];
  }
  if (status === "CLOSED" && lines.at(-1)!.fromCustomer && random.chance(0.5)) {
    lines.push({ text: random.pick([`You're welcome, ${persona.firstName}!`, `Anytime. Enjoy ${persona.trip}!`, "Happy to help. Have a great week!"]), fromCustomer: false });
  }
  // An open conversation waits on the shop: it ends with the customer's message.
  if (status !== "CLOSED") while (lines.length > 3 && !lines.at(-1)!.fromCustomer) lines.pop();
  lines = lines.slice(0, 12);

  const gaps = lines.map((line, index) => (index === 0 ? 0 : gapFor(random, channel, line.fromCustomer)));
  const span = gaps.reduce((sum, gap) => sum + gap, 0);
  let time = "startAt" in when ? when.startAt.getTime() : when.endAt.getTime() - span;
  const messages = lines.map((line, index) => {
    time += gaps[index];
    const text = channel === "EMAIL" ? dressForEmail(line.text, line.fromCustomer, persona, agent.name) : line.text;
    return { fromCustomer: line.fromCustomer, text, occurredAt: new Date(time), resourceId: resourceIdFor(random, channel) };
  });
  return { channel, status, agent, messages };
}

function planConversations(random: SeededRandom, customer: Omit<DemoCustomerPlan, "conversations">, openStatus: ConversationStatus | null, now: Date): DemoConversationPlan[] {
  const count = Math.max(customer.channels.length, random.pick([1, 1, 1, 2, 2, 2, 2, 3, 3, 4]));
  // Each of the customer's channels is used at least once: that is how its identifier arrived.
  const channels = Array.from({ length: count }, (_, index) => (index < customer.channels.length ? customer.channels[index] : random.pick(customer.channels)));
  const usedTopics = new Set<string>();
  // Closed conversations lie 14–90 days back, well past every channel's close timeout.
  const closedCount = openStatus ? count - 1 : count;
  const daysAgo = random.sample(Array.from({ length: 77 }, (_, index) => index + 14), closedCount).sort((a, b) => b - a);
  const plans = daysAgo.map((days, index) => {
    const midnight = Math.floor((now.getTime() - days * day) / day) * day;
    // Mountain-time business hours (15:00–02:00 UTC).
    const startAt = new Date(midnight + random.integer(15, 25) * hour + random.integer(0, 59) * minute);
    return planConversation(random, customer, channels[index], "CLOSED", { startAt }, usedTopics);
  });
  if (openStatus) {
    const channel = channels[count - 1];
    const timeouts = defaultConversationTimeouts[channel];
    // ACTIVE: the last message is newer than the inactivity timeout; INACTIVE: between the two timeouts.
    const ago =
      openStatus === "ACTIVE"
        ? timeouts.inactiveAfterMinutes * (0.15 + 0.6 * random.next())
        : timeouts.inactiveAfterMinutes + (timeouts.closedAfterMinutes - timeouts.inactiveAfterMinutes) * (0.15 + 0.7 * random.next());
    plans.push(planConversation(random, customer, channel, openStatus, { endAt: new Date(now.getTime() - Math.round(ago * minute)) }, usedTopics));
  }
  return plans;
}

/** The whole demo store as plain data: deterministic for a given `now` (only the dates move). */
function planDemoStore(now: Date): DemoCustomerPlan[] {
  const random = createSeededRandom(DEMO_SEED);
  const customers = planCustomers(random, now);
  // Three customers are in an ACTIVE conversation right now and three in an INACTIVE one.
  const open = random.sample(customers.map((_, index) => index), 6);
  return customers.map((customer, index) => {
    const openStatus = open.indexOf(index) === -1 ? null : open.indexOf(index) < 3 ? "ACTIVE" : "INACTIVE";
    const conversations = planConversations(random, customer, openStatus, now);
    const firstContact = conversations[0].messages[0].occurredAt;
    return { ...customer, createdAt: customer.imported ? customer.createdAt : firstContact, conversations };
  });
}

// ------------------------------------------------------------------ writing it

function identifierFor(customer: DemoCustomerPlan, channel: CustomerChannel): BuildIdentifierInput {
  if (channel === "SMS") return { idType: "phone", value: customer.phone };
  if (channel === "WHATSAPP") return { idType: "whatsapp", value: `whatsapp:${customer.phone}` };
  if (channel === "EMAIL") return { idType: "email", value: customer.emailAsSent };
  return { idType: "chat", value: customer.chatId };
}

function customerAddress(customer: DemoCustomerPlan, channel: CustomerChannel): BuildAddress {
  const address = channel === "SMS" ? customer.phone : channel === "WHATSAPP" ? `whatsapp:${customer.phone}` : channel === "EMAIL" ? customer.emailAsSent : customer.chatId;
  return { channel, address };
}

function customerName(customer: DemoCustomerPlan, channel: CustomerChannel): string | null {
  const { firstName, lastName } = customer.persona;
  if (channel === "SMS") return null;
  return channel === "EMAIL" ? `${firstName} ${lastName}` : firstName;
}

async function writeDemoData(tx: Tx, storeId: string, customers: DemoCustomerPlan[]): Promise<void> {
  const profiles = await buildProfiles(
    tx,
    storeId,
    customers.map((customer) => {
      const { persona } = customer;
      const contact: Record<string, string> = { firstName: persona.firstName, lastName: persona.lastName };
      const identifiers: BuildIdentifierInput[] = [];
      if (customer.imported) {
        // The shop's customer list had email and phone; they also became identifiers.
        contact.email = customer.email;
        contact.phone = customer.phone;
        if (customer.hasAddressTrait) contact.address = persona.address;
        identifiers.push({ idType: "email", value: customer.email, source: "IMPORT", createdAt: customer.createdAt });
        identifiers.push({ idType: "phone", value: customer.phone, source: "IMPORT", createdAt: new Date(customer.createdAt.getTime() + 1) });
      }
      for (const channel of customer.channels) {
        const firstUse = customer.conversations.find((conversation) => conversation.channel === channel)!;
        identifiers.push({ ...identifierFor(customer, channel), source: "CONVERSATION", createdAt: firstUse.messages[0].occurredAt });
      }
      return { traits: { Contact: contact }, identifiers, source: customer.imported ? "IMPORT" : "CONSOLE", createdAt: customer.createdAt };
    }),
  );
  const conversations = await buildConversations(
    tx,
    storeId,
    customers.flatMap((customer, index) =>
      customer.conversations.map((conversation) => ({
        channel: conversation.channel,
        status: conversation.status,
        participants: [
          { type: "CUSTOMER" as const, name: customerName(customer, conversation.channel), addresses: [customerAddress(customer, conversation.channel)], profileId: profiles[index].id },
          { type: conversation.agent.type, name: conversation.agent.name, addresses: [conversation.agent.address] },
        ],
        communications: conversation.messages.map((message) => ({
          author: message.fromCustomer ? 0 : 1,
          text: message.text,
          occurredAt: message.occurredAt,
          resourceId: message.resourceId,
        })),
      })),
    ),
  );
  // As if each had closed through the API: their extraction runs when a worker starts (npm start).
  await enqueueExtractionJobs(
    tx,
    conversations.filter((conversation) => conversation.status === "CLOSED").map((conversation) => ({ storeId, conversationId: conversation.id })),
  );
}

/**
 * Seeds the store named "demo" unless it exists. The store and its data are written in one
 * transaction, so a failed seed leaves nothing behind and the next start tries again.
 */
export async function seedDemoStore(options: SeedDemoStoreOptions = {}): Promise<DemoSeedResult | null> {
  const prisma = await getPrisma();
  const existing = await prisma.store.findUnique({ where: { displayName: DEMO_STORE_NAME }, select: { id: true } });
  if (existing) return { storeId: existing.id, displayName: DEMO_STORE_NAME, created: false };
  const now = new Date(Math.floor((options.now ?? new Date()).getTime() / minute) * minute);
  const customers = planDemoStore(now);
  try {
    const storeId = await prisma.$transaction(
      async (tx) => {
        const store = await buildStore(tx, { displayName: DEMO_STORE_NAME, description: DEMO_DESCRIPTION });
        await writeDemoData(tx, store.id, customers);
        return store.id;
      },
      { maxWait: 10_000, timeout: 120_000 },
    );
    return { storeId, displayName: DEMO_STORE_NAME, created: true };
  } catch (error) {
    // Another process seeded it first: the unique store name decided.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const winner = await prisma.store.findUnique({ where: { displayName: DEMO_STORE_NAME }, select: { id: true } });
      if (winner) return { storeId: winner.id, displayName: DEMO_STORE_NAME, created: false };
    }
    throw error;
  }
}
