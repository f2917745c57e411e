import type { SeededRandom } from "./create-seeded-random";

/** Who a demo customer is: the facts their conversations mention, consistently across them. */
export type DemoPersona = {
  firstName: string;
  lastName: string;
  region: "US" | "UK" | "EU";
  city: string;
  /** The nearest Trailhead shop, or null when the customer only orders online. */
  shop: string | null;
  address: string;
  pet: { name: string; kind: string; pronoun: "he" | "she" } | null;
  kid: { name: string; age: number } | null;
  partner: string | null;
  /** Somewhere they are going hiking or camping. */
  trip: string;
  shoeSize: number;
};

export type ScriptContext = {
  persona: DemoPersona;
  agentName: string;
  random: SeededRandom;
  /** A fresh order number for this conversation (`TH-48213`). */
  order: string;
  /** "May 14": a day relative to the conversation's start. */
  dayAfter(days: number): string;
};

/** One customer-service exchange. Lines alternate customer and agent, customer first unless `agentFirst`. */
export type DemoConversationScript = {
  topic: string;
  agentFirst?: boolean;
  fits?: (persona: DemoPersona) => boolean;
  lines: (context: ScriptContext) => string[];
};

const tents = ["Ridgeline 2P tent", "Ridgeline 3P tent", "Basecamp 4 family tent"];
const apparel = ["Cascade rain jacket", "Nordic fleece hoodie", "Ember down vest", "Merino base layer crew"];
const packs = ["Alpine 45L backpack", "Canyon 22L daypack", "Traverse 60L pack"];
const gifts = ["Summit 20°F down sleeping bag", "Headlamp 400", "Glacier water filter", "Alpine 45L backpack", "Nordic fleece hoodie"];
const colours = ["navy", "olive", "rust", "charcoal", "sky blue"];

function half(size: number): string {
  return Number.isInteger(size) ? String(size) : `${Math.floor(size)}.5`;
}

// "a 10.5", "an 8", "an 11".
function aSize(size: number): string {
  return `${/^(8|11)(\.|$)/.test(half(size)) ? "an" : "a"} ${half(size)}`;
}

/** Real-sounding exchanges for an outdoor-gear shop, written so extraction has facts to find. */
export const demoConversationScripts: DemoConversationScript[] = [
  {
    topic: "delivery delay",
    lines: ({ persona, order, random, dayAfter }) => {
      const tent = random.pick(tents);
      const hold = persona.region === "US" ? "the carrier's regional hub in Salt Lake City because of a snowstorm" : "customs, waiting on an import form we should have sent";
      return [
        `Hi, my order ${order} was supposed to arrive yesterday and the tracking hasn't moved in 3 days. I need the ${tent} before our trip to ${persona.trip} on ${dayAfter(9)}.`,
        `Sorry about that, ${persona.firstName}! I checked: it's held at ${hold}.`,
        `Ugh. Is there any way to get it sooner? We leave on ${dayAfter(9)}.`,
        "I can send a replacement by 2-day express at no charge and cancel the stuck one when it comes back to us. Would that work?",
        "Yes please. And please text rather than call, I can't pick up the phone at work.",
        `Done, the new one ships tonight. I've noted on your account that you prefer texts over calls.`,
      ];
    },
  },
  {
    topic: "return for a bigger size",
    lines: ({ persona, order }) => [
      `I'd like to return the Switchback mid hiking boots from order ${order}. Size ${half(persona.shoeSize)} is too tight across the toes.`,
      "No problem! Would you like a refund or an exchange for a different size?",
      `Exchange for ${aSize(persona.shoeSize + 0.5)}, wide if you have it. I have wide feet so I always go for the wide fit.`,
      `We have the ${half(persona.shoeSize + 0.5)} wide in stock. I'll send a prepaid return label and ship the new pair as soon as the carrier scans yours.`,
      "Great. Could you note the wide fit on my account for next time?",
      "Noted on your account. The label should reach you in a few minutes.",
    ],
  },
  {
    topic: "jacket sizing",
    lines: ({ order, random }) => {
      const jacket = random.pick(["Cascade rain jacket", "Ember down jacket", "Ridgeline softshell"]);
      return [
        `Quick question about the ${jacket}: I'm 5'11" and usually a medium, but I like room for a fleece underneath. Medium or large?`,
        "It runs fairly trim. If you want to layer a fleece, most people your height go with the large.",
        "Large then. Does it come in anything other than black? I'd rather not wear black on the trail, I like being visible.",
        "It comes in olive, rust and a bright blue.",
        `Rust please. Can you add it to order ${order} so it all ships together?`,
        `Added to ${order}; everything ships together tomorrow.`,
      ];
    },
  },
  {
    topic: "loyalty points",
    lines: ({ persona, random }) => {
      const points = random.integer(12, 64) * 100;
      const tier = points >= 4000 ? "Summit" : points >= 2000 ? "Ridge" : "Trail";
      return [
        "How many Trailhead Rewards points do I have? I'm thinking about putting them toward a new sleeping bag.",
        `You have ${points.toLocaleString("en-US")} points, worth $${points / 100} off, and you're at the ${tier} tier.`,
        "Nice. Do points expire?",
        "Points expire 12 months after you earn them. About 500 of yours expire at the end of next month.",
        `Then I'll use them this week. I sleep cold, so I'm looking at the 15 degree version of the Summit bag for ${persona.trip}.`,
        "Good choice for a cold sleeper. The 15°F version is in stock and your points will apply automatically at checkout.",
      ];
    },
  },
  {
    topic: "dog gear",
    fits: (persona) => persona.pet !== null && persona.shop !== null,
    lines: ({ persona }) => {
      const pet = persona.pet!;
      return [
        `Do you have a harness that would fit my dog ${pet.name}? ${pet.pronoun === "he" ? "He's" : "She's"} ${pet.kind} and pulls like crazy.`,
        "For a strong puller we like the front-clip Trail harness. What's the chest measurement?",
        "About 32 inches. We hike every weekend so it needs to be tough.",
        "That's a large. We also sell a dog pack so they can carry their own water.",
        `Ha, ${pet.name} would love that. Can you hold both? I'll pick them up at the ${persona.shop} store on Saturday.`,
        `Done, both are on hold at ${persona.shop} under your name until Sunday evening.`,
      ];
    },
  },
  {
    topic: "damaged delivery",
    lines: ({ persona, order }) => [
      `The Basecamp stove from order ${order} arrived with a cracked burner head. Pretty disappointed, I needed it for a trip this weekend.`,
      `I'm really sorry, ${persona.firstName}. Could you send a photo of the damage?`,
      "Just sent it. The box was crushed too.",
      "Thank you. I've sent a replacement overnight at no cost, and you don't need to return the damaged one.",
      "OK, that helps. But this is the second package from you that has arrived crushed.",
      "That's not acceptable. I've flagged it with our warehouse team and added a $20 credit to your account.",
      "Appreciate it.",
    ],
  },
  {
    topic: "birthday gift",
    fits: (persona) => persona.partner !== null,
    lines: ({ persona, order, random, dayAfter }) => [
      `I want to order the ${random.pick(gifts)} as a birthday present for ${persona.partner}. Can you gift wrap it and leave the prices off the packing slip?`,
      "Absolutely. Gift wrap is free for Rewards members, and gift receipts never show prices.",
      `The birthday is ${dayAfter(6)}, will it get there in time?`,
      "Standard shipping takes 3–5 business days, so yes. Would you like a note in the box?",
      `Yes: "Happy birthday ${persona.partner}, see you at the summit!"`,
      `Added. Order ${order} is confirmed with gift wrap and your note.`,
    ],
  },
  {
    topic: "address change",
    lines: ({ persona, order }) => [
      `Hi, we just moved. Can you update my address to ${persona.address}? I have an order on the way.`,
      `Congratulations on the move! Order ${order} hasn't shipped yet, so I've changed it to the new address.`,
      "Thank you. Please use that address from now on.",
      "Your account is updated too. Anything else I can help with?",
      "No, that's it. Thanks!",
    ],
  },
  {
    topic: "guided trip seating",
    lines: ({ persona, random }) => {
      const trip = random.pick(["Iceland Highlands", "Patagonia", "Dolomites hut-to-hut", "Tour du Mont Blanc"]);
      return [
        `I signed up for the guided ${trip} trek with you this spring. Is the group flight booked through you?`,
        "Yes, our trips team books the group flight. Do you have a seating preference?",
        "I prefer aisle seats, I get up a lot on long flights. And I'm vegetarian, if the trip includes meals.",
        "Noted: aisle seat and vegetarian meals. Your itinerary will arrive by email two weeks before departure.",
        "Great. What rating of sleeping bag do I need?",
        `Nights in the huts can drop to about 25°F, so we recommend a 20°F bag or warmer. Shall I set one aside, ${persona.firstName}?`,
        "Not yet, I'll borrow my sister's first and see if it's warm enough.",
      ];
    },
  },
  {
    topic: "delivery instructions",
    lines: ({ order, random }) => {
      const neighbour = random.integer(3, 40);
      return [
        `Can you add delivery instructions to order ${order}? Please leave it with the neighbour at number ${neighbour}, not on the porch. Packages get stolen on our street.`,
        `Sure, I've added "leave with neighbour at number ${neighbour}" for the carrier.`,
        "And please don't ring the doorbell, the baby naps in the afternoons.",
        `Added "do not ring the bell" too. Anything else?`,
        "That's all, thanks.",
      ];
    },
  },
  {
    topic: "kayak class",
    fits: (persona) => persona.partner !== null && persona.shop !== null,
    lines: ({ persona, dayAfter }) => [
      "Do you still run the intro to sea kayaking class? Two of us want to sign up.",
      "We do! Sessions run on Saturdays and Sundays. Which works better?",
      `Weekend mornings are best for us. ${persona.partner} and I are both complete beginners.`,
      `The Saturday 9am session on ${dayAfter(12)} at the ${persona.shop} store has two spots left. Shall I book you both?`,
      "Yes please. Do we need to bring anything?",
      "Just clothes that can get wet and a water bottle. We provide boats, paddles and life jackets.",
      "Perfect, see you then.",
    ],
  },
  {
    topic: "price match",
    lines: ({ random }) => {
      const [item, price] = random.pick([
        ["Glacier water filter", 49],
        ["Headlamp 400", 59],
        ["Alpine 45L backpack", 229],
        ["Trail Runner 4 shoes", 139],
      ] as const);
      return [
        `I saw the ${item} for $${price - 15} at another retailer. Do you price match?`,
        "We do, for identical items in stock at a major retailer. Could you send the link?",
        "Sent it just now.",
        `Confirmed. I've adjusted your price to $${price - 15}; the difference goes back to your card within 5 days.`,
        "Thanks! That's why I keep shopping with you.",
      ];
    },
  },
  {
    topic: "back in stock",
    agentFirst: true,
    fits: (persona) => persona.shop !== null,
    lines: ({ persona }) => [
      `Hi ${persona.firstName}, good news: the Trail Runner 4 in size ${half(persona.shoeSize)} you asked about is back in stock. Want us to hold a pair?`,
      "Yes! Please hold them, I'll come in Thursday after work.",
      `They're on hold at the ${persona.shop} store until Friday.`,
      "Thanks. For restock alerts, email works better for me than texts.",
      "Updated: we'll email you about restocks from now on.",
    ],
  },
  {
    topic: "warranty repair",
    lines: ({ persona, order, random }) => [
      `The main zipper on my ${random.pick(packs)} broke. I bought it about two years ago. Is that covered?`,
      "Zippers are covered by our lifetime warranty. Do you have the order number?",
      `I think it was order ${order}.`,
      "Found it. Bring it to any of our stores or ship it with the label I'm sending; repairs take about 2 weeks.",
      `Two weeks is fine, I won't need it until my ${persona.trip} trip.`,
      "Plenty of time then. We'll let you know as soon as it's ready.",
    ],
  },
  {
    topic: "climbing shoe resole",
    lines: ({ random }) => [
      "Do you resole climbing shoes? My Granite climbing shoes are worn through at the toe.",
      "We do, through our partner cobbler. It's $55 and takes 3 to 4 weeks.",
      `OK. I climb at the gym ${random.pick(["three times", "twice", "four times"])} a week, so I'll need a loaner pair in the meantime. I'm a 41.`,
      "We have rental shoes in 41 you can borrow for free while yours are away.",
      "Great, I'll drop mine off tomorrow.",
    ],
  },
  {
    topic: "wrong item",
    lines: ({ order, random }) => {
      const [wanted, got] = random.sample(colours, 2);
      const item = random.pick(apparel);
      return [
        `I ordered the ${item} in ${wanted} and got ${got} instead. Order ${order}.`,
        `Sorry about the mix-up! I'll send the ${wanted} one out today. You can keep the ${got} one or return it, whichever is easier.`,
        `I'll return it, I really don't wear ${got}. Does the ${wanted} run the same size?`,
        "Same fit. A return label is on its way to your inbox.",
      ];
    },
  },
  {
    topic: "fuel pickup",
    fits: (persona) => persona.shop !== null,
    lines: ({ persona, order, dayAfter }) => [
      `Can you ship isobutane canisters with my order? I'm leaving for ${persona.trip} on ${dayAfter(5)}.`,
      "Unfortunately fuel can't be shipped. You can pick it up at any store, or we can hold it with the rest of your order.",
      `Hold it with the order at ${persona.shop} please. I'll grab everything Friday.`,
      `Done: order ${order} plus two 230g canisters will be ready for you on Friday.`,
      "Thanks!",
    ],
  },
  {
    topic: "marketing preferences",
    lines: () => [
      "You've been sending me a lot of texts about sales. Can you stop the promotional ones? I still want order updates.",
      "Sorry about that. I've turned off promotional texts; you'll still get shipping and order updates.",
      "Thanks. I don't mind an email once a month about climbing gear though.",
      "I've signed you up for the monthly climbing newsletter, by email only.",
    ],
  },
  {
    topic: "kid's life jacket",
    fits: (persona) => persona.kid !== null,
    lines: ({ persona }) => {
      const kid = persona.kid!;
      return [
        `My daughter ${kid.name} is ${kid.age} and starting swim lessons on the lake this summer. What life jacket would fit her?`,
        "For kids from 50 to 90 pounds the youth life jacket fits best. Roughly how much does she weigh?",
        "About 65 pounds. She loves bright colours.",
        "The youth jacket in coral would be perfect. Want me to reserve one?",
        `Yes, and a kids' headlamp too. We're camping at ${persona.trip} next month.`,
        `Both reserved under your name. ${kid.name} is going to love it.`,
      ];
    },
  },
  {
    topic: "order status",
    lines: ({ order, dayAfter }) => [
      `Where's my order ${order}?`,
      `Order ${order} shipped on ${dayAfter(-2)} and is out for delivery today.`,
      "Great, thanks.",
    ],
  },
  {
    topic: "bear canister rental",
    fits: (persona) => persona.shop !== null,
    lines: ({ persona, dayAfter }) => [
      `Do you rent bear canisters? We're backpacking in ${persona.trip} and they're required.`,
      "Yes, $5 a day each. How many days?",
      "Four days, two people. Is one canister enough?",
      "For two people and four days we'd suggest two.",
      `Two then. I'll pick them up at ${persona.shop} on ${dayAfter(3)}.`,
      "Reserved. Just bring a photo ID at pickup.",
    ],
  },
  {
    topic: "refund complaint",
    lines: ({ persona, order, random, dayAfter }) => [
      "I've been on hold for 40 minutes trying to reach someone about my refund. This is ridiculous.",
      `I'm sorry about the wait, ${persona.firstName}. I can help right here. Which order is the refund for?`,
      `${order}. I returned the ${random.pick(apparel)} three weeks ago and still haven't been refunded.`,
      `I see it: we received the return on ${dayAfter(-12)} but the refund got stuck. I've pushed it through now; it'll show on your card in 3–5 business days.`,
      "Fine. Please just text me when it's done, I don't want to sit on hold again.",
      "I will. Again, I'm sorry about this.",
    ],
  },
  {
    topic: "trekking poles",
    lines: ({ persona }) => [
      "I'm looking for trekking poles. My knee has been bad since surgery last year and downhills are rough.",
      "Sorry to hear that. Carbon poles with cork grips are light and absorb shock well. How tall are you?",
      `5'6". I'll mostly use them on the ${persona.trip} trip.`,
      "The adjustable carbon poles, 105 to 135 cm, would suit you well.",
      "Ordering them now, thanks.",
    ],
  },
  {
    topic: "down-free sleeping bag",
    lines: ({ persona }) => [
      "Do you have any sleeping bags without down? I'd rather avoid animal products.",
      "Yes, the Summit synthetic comes in 30°F and 15°F versions. Where will you be using it?",
      `${persona.trip}, in early autumn. I tend to run warm at night.`,
      "Then the 30°F synthetic should be plenty, and it packs down small.",
      "Sounds good. Can I try it in store first?",
      persona.shop ? `Of course, the ${persona.shop} store has one set up on the floor.` : "We don't have a shop near you yet, but returns are free within 60 days.",
    ],
  },
];
