-- Template names are what admins read, so they are Korean; code finds a template by its name, so a
-- database seeded by an earlier version gets the same new name (its versions and edits stay with it).
UPDATE "approval_templates" SET "name" = 'PQ 실사의뢰', "updated_at" = now()
 WHERE "name" = 'Vendor 실사의뢰'
   AND NOT EXISTS (SELECT 1 FROM "approval_templates" WHERE "name" = 'PQ 실사의뢰');
