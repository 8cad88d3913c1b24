import type { RatesTable } from '../types';

/**
 * Default conversion rates, USD per unit, taken on the date below. Override them under `currency`
 * in the config; a figure keeps its written currency either way, so a stale rate only moves `usd`.
 */
export const DEFAULT_RATES: RatesTable = {
  asOf: '2026-11-01',
  usdPer: {
    USD: 1,
    EUR: 1.16,
    GBP: 1.33,
    CNY: 0.14,
    JPY: 0.0067,
    HKD: 0.128,
    INR: 0.0113,
    KRW: 0.00072,
    SGD: 0.77,
    CAD: 0.72,
    AUD: 0.66,
    CHF: 1.25,
    TWD: 0.031,
    ILS: 0.27,
    AED: 0.272,
    SAR: 0.267,
    BRL: 0.18,
    SEK: 0.095,
  },
};

export function toUsd(value: number, currency: string, rates: RatesTable): number | null {
  const r = rates.usdPer[currency.toUpperCase()];
  return r === undefined ? null : value * r;
}
