package com.productflow.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Starting and stopping the whole system: the endpoints line, and nothing left running or listening. */
class LocalSystemLifecycleTest {

    @Test
    void closeStopsEveryServerAndProcessItStarted() throws Exception {
        List<Integer> ports;
        List<Long> pids;
        try (LocalSystem system = LocalSystem.start(LocalOptions.defaults().withLog(LocalLog.silent()))) {
            ports = system.ports();
            pids = system.pids();
            JsonNode endpoints = new ObjectMapper().readTree(system.endpoints().toSummary().toString());
            for (String field : List.of("s3", "dynamodb", "stepfunctions", "lambda")) {
                assertThat(endpoints.path(field).asText()).startsWith("http://127.0.0.1:");
            }
            assertThat(endpoints.path("inputBucket").asText()).isEqualTo("productflow-input");
            assertThat(endpoints.path("region").asText()).isEqualTo("us-east-1");
            for (int port : ports) {
                assertThat(accepts(port)).as("port %d while running", port).isTrue();
            }
            for (long pid : pids) {
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("pid %d while running", pid).contains(true);
            }
        }
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d after close", pid).isFalse();
        }
        for (int port : ports) {
            assertThat(accepts(port)).as("port %d after close", port).isFalse();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
