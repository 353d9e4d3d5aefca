-- V4 sealed every reporter's name and phone and emptied the plaintext columns, in the
-- application. Should any row still hold plaintext, stop here rather than lose it.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM case_record
               WHERE reporter_name IS NOT NULL OR reporter_phone IS NOT NULL) THEN
        RAISE EXCEPTION 'case_record still holds plaintext personal data: V4 did not seal it';
    END IF;
END
$$;

ALTER TABLE case_record
    DROP COLUMN reporter_name,
    DROP COLUMN reporter_phone;

-- Anonymous reports hold nothing to decrypt; sealed values always name their key.
ALTER TABLE case_record
    ADD CONSTRAINT case_record_anonymous_holds_no_personal_data CHECK (
        NOT reporter_anonymous
        OR (reporter_name_sealed IS NULL AND reporter_phone_sealed IS NULL
            AND reporter_phone_index IS NULL)),
    ADD CONSTRAINT case_record_sealed_names_its_key CHECK (
        (reporter_name_sealed IS NULL AND reporter_phone_sealed IS NULL)
        OR reporter_key_id IS NOT NULL);
