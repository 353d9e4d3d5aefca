-- Open311 (GeoReport v2): the media_url a client filed with a request, shown on the case and
-- given back, and the service_notice it was told, given back when the request is read.
ALTER TABLE case_record ADD COLUMN media_url TEXT;
ALTER TABLE case_record ADD COLUMN service_notice TEXT;
