import type { TraitGroupCreateInput } from "./trait-schemas";

/** The `Contact` group every store starts with (SPEC §2). */
export const defaultTraitGroups: TraitGroupCreateInput[] = [
  {
    displayName: "Contact",
    description: "Who the customer is and how to reach them.",
    traits: {
      firstName: { dataType: "STRING", description: "Given name", validationRule: { ruleType: "STRING", maxLength: 100 } },
      lastName: { dataType: "STRING", description: "Family name", validationRule: { ruleType: "STRING", maxLength: 100 } },
      email: { dataType: "STRING", description: "Email address", idTypePromotion: "email", validationRule: { ruleType: "STRING", maxLength: 255 } },
      phone: { dataType: "STRING", description: "Phone number", idTypePromotion: "phone", validationRule: { ruleType: "STRING", maxLength: 64 } },
      whatsapp: { dataType: "STRING", description: "WhatsApp number", idTypePromotion: "whatsapp", validationRule: { ruleType: "STRING", maxLength: 64 } },
      address: { dataType: "STRING", description: "Postal address", validationRule: { ruleType: "STRING", maxLength: 500 } },
    },
  },
];
