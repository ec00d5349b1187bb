package io.switchboard.events;

public record Location(double latitude, double longitude, String name, String address, String url) {
}
