-- The quintile boundaries of the last RFM recompute: for score k (1-4), the highest last order
-- time, order count and revenue that scored k or less. An order between two recomputes is scored
-- against them at once (segments/RfmScores).
create table rfm_boundary (
    score         int primary key,
    last_order_at timestamptz,
    orders        int,
    revenue       numeric(14, 2)
);
