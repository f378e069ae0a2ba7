package io.nextops.memory;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Minimal hand-made servlet request/response fakes (dynamic proxies); only what the filters call is answered. */
final class ServletFakes {
    private ServletFakes() {
    }

    /** A request; mutable fields so a test can change them between calls. */
    static final class Request {
        String method = "GET";
        String uri = "/api/things";
        String remoteUser;
        long contentLength = -1;
        byte[] body = new byte[0];
        String characterEncoding = "UTF-8";
        boolean asyncStarted;
        final Map<String, Object> attributes = new HashMap<>();
        final List<AsyncListener> asyncListeners = new ArrayList<>();
        private AsyncContext asyncContext;

        HttpServletRequest proxy() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            ServletInputStream stream = new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener readListener) {
                    throw new UnsupportedOperationException();
                }
            };
            asyncContext = (AsyncContext) Proxy.newProxyInstance(ServletFakes.class.getClassLoader(),
                    new Class<?>[] {AsyncContext.class}, (p, m, args) -> {
                        if (m.getName().equals("addListener")) {
                            asyncListeners.add((AsyncListener) args[0]);
                            return null;
                        }
                        if (m.getName().equals("getRequest") || m.getName().equals("getResponse")) {
                            return null;
                        }
                        throw new UnsupportedOperationException(m.getName());
                    });
            return (HttpServletRequest) Proxy.newProxyInstance(ServletFakes.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (p, m, args) -> {
                        switch (m.getName()) {
                            case "getMethod": return method;
                            case "getRequestURI": return uri;
                            case "getRemoteUser": return remoteUser;
                            case "getContentLengthLong": return contentLength;
                            case "getContentLength": return (int) contentLength;
                            case "getCharacterEncoding": return characterEncoding;
                            case "getAttribute": return attributes.get((String) args[0]);
                            case "setAttribute": attributes.put((String) args[0], args[1]); return null;
                            case "isAsyncStarted": return asyncStarted;
                            case "getAsyncContext": return asyncContext;
                            case "getInputStream": return stream;
                            case "getReader":
                                return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                            case "getProtocol": return "HTTP/1.1";
                            case "toString": return "fake request " + method + " " + uri;
                            case "hashCode": return System.identityHashCode(p);
                            case "equals": return p == args[0];
                            default: throw new UnsupportedOperationException(m.getName());
                        }
                    });
        }

        /** Completes the async cycle as a container would. */
        void completeAsync() throws IOException {
            for (AsyncListener listener : List.copyOf(asyncListeners)) {
                listener.onComplete(new AsyncEvent(asyncContext));
            }
        }
    }

    /** A response whose body goes nowhere; counts flushes. */
    static final class Response {
        int status = 200;
        String characterEncoding = "UTF-8";
        int flushes;
        long bytesSeenByContainer;

        HttpServletResponse proxy() {
            ServletOutputStream stream = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    bytesSeenByContainer++;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    bytesSeenByContainer += len; // discarded
                }

                @Override
                public void flush() {
                    flushes++;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener writeListener) {
                    throw new UnsupportedOperationException();
                }
            };
            PrintWriter writer = new PrintWriter(Writer.nullWriter()) {
                @Override
                public void flush() {
                    flushes++;
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(ServletFakes.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (p, m, args) -> {
                        switch (m.getName()) {
                            case "getStatus": return status;
                            case "setStatus": status = (Integer) args[0]; return null;
                            case "getCharacterEncoding": return characterEncoding;
                            case "getOutputStream": return stream;
                            case "getWriter": return writer;
                            case "flushBuffer": flushes++; return null;
                            case "toString": return "fake response";
                            case "hashCode": return System.identityHashCode(p);
                            case "equals": return p == args[0];
                            default: throw new UnsupportedOperationException(m.getName());
                        }
                    });
        }
    }
}
