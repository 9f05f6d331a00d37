package dev.tally.batch.partner;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A shop-partner link (shop_partners joined with partners).
 *
 * @param customCommissionRate the shop's own rate, or null
 * @param partnerCommissionRate the partner's rate, or null (then 0)
 * @param activatedAt when the link became active, never null
 * @param partnerDeletedAt when the partner was deleted, or null
 * @param active whether the link's status is {@code active} now (only active links earn in a new
 *     period; late changes to periods already approved are followed for inactive links too)
 */
public record PartnerLink(String partnerId, String shopId, BigDecimal customCommissionRate,
    BigDecimal partnerCommissionRate, Instant activatedAt, Instant partnerDeletedAt, boolean active) {}
