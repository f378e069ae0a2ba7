package io.nextops.benchmarks.memory;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;

/** A minimal request/response pair for driving filters without a container. */
final class FakeHttp {
    private FakeHttp() {
    }

    static HttpServletRequest request() {
        return (HttpServletRequest) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, args) -> {
                    switch (m.getName()) {
                        case "getMethod": return "GET";
                        case "getRequestURI": return "/api/ots/42";
                        case "getRemoteUser": return "bench";
                        case "getAttribute": return null;
                        case "getContentLengthLong": return -1L;
                        case "getCharacterEncoding": return "UTF-8";
                        case "isAsyncStarted": return false;
                        case "getProtocol": return "HTTP/1.1";
                        default: throw new UnsupportedOperationException(m.getName());
                    }
                });
    }

    static HttpServletResponse response() {
        ServletOutputStream discard = new ServletOutputStream() {
            @Override
            public void write(int b) {
            }

            @Override
            public void write(byte[] b, int off, int len) {
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener writeListener) {
            }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, args) -> {
                    switch (m.getName()) {
                        case "getStatus": return 200;
                        case "getCharacterEncoding": return "UTF-8";
                        case "getOutputStream": return discard;
                        default: throw new UnsupportedOperationException(m.getName());
                    }
                });
    }
}
