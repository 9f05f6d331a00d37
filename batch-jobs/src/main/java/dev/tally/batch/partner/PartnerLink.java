package dev.tally.batch.partner;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An active shop-partner link (shop_partners joined with partners).
 *
 * @param customCommissionRate the shop's own rate, or null
 * @param partnerCommissionRate the partner's rate, or null (then 0)
 * @param activatedAt when the link became active, never null
 * @param partnerDeletedAt when the partner was deleted, or null
 */
public record PartnerLink(String partnerId, String shopId, BigDecimal customCommissionRate,
    BigDecimal partnerCommissionRate, Instant activatedAt, Instant partnerDeletedAt) {}
