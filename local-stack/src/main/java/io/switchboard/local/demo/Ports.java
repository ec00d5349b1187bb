package io.switchboard.local.demo;

import io.switchboard.local.LocalStack;

/** Where the players find a running stack: base URLs of the services and the simulator, and the simulated number. */
public record Ports(String ingress, String agent, String routing, String outbound, String simulator,
        String whatsAppNumber, String messengerPage) {

    /** From the same settings the local stack starts with ({@code -Dswitchboard.local.agent-port=…} and so on). */
    public static Ports fromSettings() {
        return new Ports(url("ingress", 8080), url("agent", 8083), url("routing", 8082), url("outbound", 8084),
                url("simulator", 8090), LocalStack.WHATSAPP_NUMBER.phoneNumberId(), LocalStack.MESSENGER_PAGE);
    }

    private static String url(String name, int port) {
        return "http://localhost:" + LocalStack.setting("switchboard.local." + name + "-port", Integer.toString(port));
    }
}
