/** Documents the knowledge journeys upload: small, with facts a query can only find in one of them. */
export const refundPolicy = {
  name: 'refund-policy.md',
  content: [
    '# Refund policy',
    '',
    'Refunds are paid back to the original card within 14 days of the returned parcel arriving at our Leeds warehouse.',
    '',
    'Items must be returned unused, in their original packaging, within 30 days of delivery. Gift cards cannot be refunded.',
    '',
    '## Shipping',
    '',
    'Standard shipping takes three to five working days. Orders over 50 euros ship for free.',
  ].join('\n'),
  /** A query whose best hit is the refund paragraph. */
  query: 'How long do refunds take?',
  fact: 'within 14 days',
};

export const expressRefunds = {
  name: 'express-refunds.txt',
  content: 'Express refunds: members of the Gold plan get refunds within 2 days, paid as store credit, without waiting for the parcel.',
  fact: 'within 2 days',
};
