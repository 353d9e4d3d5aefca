package io.casegrid.events;

/**
 * Where a case lies in the city's administrative division: district (区), street (街道), community
 * (社区) and grid (网格, 15-digit code).
 */
public record Location(
    String districtCode, String streetCode, String communityCode, String gridCode) {}
