package io.casegrid.events;

/** A WGS-84 position in decimal degrees. */
public record GeoPoint(double latitude, double longitude) {}
