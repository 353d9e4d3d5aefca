-- A queue narrowed to one case by its number (an operator's, or the lifecycle benchmark's) finds it
-- by this index, not by reading every open case of the department.
CREATE INDEX dispatch_case_number ON dispatch_case (case_number);
