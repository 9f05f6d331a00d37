-- A paid statement is final in the database too, whatever program writes: no column of a paid
-- partner_revenue row changes (updated_at aside), a paid row is never deleted, and the lines of a
-- paid row are never added, changed or removed. The batch jobs already leave paid rows alone; this
-- guards against any other writer (a hand-written UPDATE, a future bug).

CREATE FUNCTION refuse_paid_partner_revenue_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status <> 'paid' THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'partner_revenue % (partner %, % from %) is paid: it cannot be deleted',
            OLD.id, OLD.partner_id, OLD.period_type, OLD.period_start
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF (to_jsonb(NEW) - 'updated_at') IS DISTINCT FROM (to_jsonb(OLD) - 'updated_at') THEN
        RAISE EXCEPTION 'partner_revenue % (partner %, % from %) is paid: it cannot change',
            OLD.id, OLD.partner_id, OLD.period_type, OLD.period_start
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER paid_partner_revenue_is_final
    BEFORE UPDATE OR DELETE ON partner_revenue
    FOR EACH ROW EXECUTE FUNCTION refuse_paid_partner_revenue_change();

CREATE FUNCTION refuse_paid_partner_revenue_line_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    row_id UUID := CASE WHEN TG_OP = 'INSERT' THEN NEW.partner_revenue_id ELSE OLD.partner_revenue_id END;
BEGIN
    IF EXISTS (SELECT 1 FROM partner_revenue WHERE id = row_id AND status = 'paid')
        OR (TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM partner_revenue WHERE id = NEW.partner_revenue_id AND status = 'paid')) THEN
        RAISE EXCEPTION 'the lines of partner_revenue % are paid: they cannot change', row_id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE TRIGGER paid_partner_revenue_lines_are_final
    BEFORE INSERT OR UPDATE OR DELETE ON partner_revenue_lines
    FOR EACH ROW EXECUTE FUNCTION refuse_paid_partner_revenue_line_change();
