package io.arbiter.server.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.arbiter.server.sequencer.ControlRequest;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The admin HTTP server: {@code GET /health} answers 200 while the process is up, {@code GET /ready} 200 while the
 * node accepts orders and 503 while it starts or drains; with operator requests attached, {@code POST
 * /admin/snapshot} asks the matching thread for a snapshot and {@code GET /admin/state} for the journal's last
 * sequence, open orders and state hash (JSON); further {@code GET} endpoints (such as {@code /metrics}) are added
 * with {@link #endpoint(String, String, Supplier)}; the operator's commands and {@code GET /accounts/{account}} are
 * served by an {@link OperatorApi} (journaled; {@code docs/admin.md}); anything else is 404. Every request that is
 * not a {@code GET} or {@code HEAD} may change the node and, like the account query, passes an
 * {@link AdminAuthorizer} first (a bearer token from the configuration; refused outright when none is configured).
 * Off the hot path; it may allocate.
 */
public final class AdminServer
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOOK_PATH = "/book/";
    private static final int MAX_BOOK_DEPTH = 1000;

    private final BooleanSupplier ready;
    private volatile Supplier<String> healthProblem = () -> null;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private Channel serverChannel;
    private Function<ControlRequest.Type, CompletableFuture<String>> operatorRequests;
    private BiFunction<String, Integer, CompletableFuture<String>> bookRequests;
    private AdminAuthorizer authorizer = new AdminAuthorizer(null);
    private OperatorApi operatorApi;

    /**
     * @param ready true while the node accepts orders.
     */
    public AdminServer(final BooleanSupplier ready)
    {
        this.ready = ready;
    }

    /**
     * Make {@code /health} answer 503 with a reason while something is wrong that a restart must fix (control plane).
     *
     * @param problem returns null while healthy, else one line saying what is wrong.
     * @return this.
     */
    public AdminServer health(final Supplier<String> problem)
    {
        this.healthProblem = problem;
        return this;
    }

    /**
     * Serve a further path (control plane; any thread, also after start).
     *
     * @param path        exact path, e.g. {@code /metrics}.
     * @param contentType of the body.
     * @param body        makes the body per request, on an event loop (must not block for long).
     * @return this for fluent use.
     */
    public AdminServer endpoint(final String path, final String contentType, final Supplier<String> body)
    {
        endpoints.put(path, new Endpoint(HttpResponseStatus.OK, contentType, body));
        return this;
    }

    /**
     * Answer a path that is switched off with 404 and a plain-text reason (control plane; any thread).
     *
     * @param path   exact path, e.g. {@code /metrics}.
     * @param reason body of the 404, e.g. {@code "metrics disabled\n"}.
     * @return this for fluent use.
     */
    public AdminServer unavailable(final String path, final String reason)
    {
        endpoints.put(path, new Endpoint(HttpResponseStatus.NOT_FOUND, "text/plain; charset=utf-8", () -> reason));
        return this;
    }

    /**
     * Set who may call mutating endpoints (before {@link #start}); by default nobody.
     *
     * @param authorizer checks the {@code Authorization} header of every request other than GET and HEAD.
     * @return this.
     */
    public AdminServer authorizer(final AdminAuthorizer authorizer)
    {
        this.authorizer = authorizer;
        return this;
    }

    /**
     * Serve {@code GET /book/{symbol}?depth=N} (before {@link #start}): the public book as JSON, from the market-data
     * feed.
     *
     * @param bookRequests from symbol and depth (0 = all levels) to the JSON, or to null for an unknown symbol.
     * @return this.
     */
    public AdminServer bookRequests(final BiFunction<String, Integer, CompletableFuture<String>> bookRequests)
    {
        this.bookRequests = bookRequests;
        return this;
    }

    /**
     * Serve the operator's commands and the account query (before {@link #start}); see {@link OperatorApi}. The
     * account query ({@code GET /accounts/{account}}) needs the admin token like every command.
     *
     * @param api the operator API of the node.
     * @return this.
     */
    public AdminServer operatorApi(final OperatorApi api)
    {
        this.operatorApi = api;
        return this;
    }

    /**
     * Attach the journal's operator requests (before {@link #start}).
     *
     * @param operatorRequests enqueues a request for the matching thread and returns its JSON answer.
     * @return this.
     */
    public AdminServer operatorRequests(final Function<ControlRequest.Type, CompletableFuture<String>> operatorRequests)
    {
        this.operatorRequests = operatorRequests;
        return this;
    }

    /**
     * Bind (blocks until bound).
     *
     * @param group        event loops to run on.
     * @param channelClass listening channel class of the transport.
     * @param bindAddress  address to listen on.
     * @param port         port, 0 for any.
     * @return the bound port.
     * @throws InterruptedException if interrupted.
     */
    public int start(
        final EventLoopGroup group,
        final Class<? extends ServerChannel> channelClass,
        final String bindAddress,
        final int port) throws InterruptedException
    {
        serverChannel = new ServerBootstrap()
            .group(group)
            .channel(channelClass)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel channel)
                {
                    channel.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(4096))
                        .addLast(new Handler());
                }
            })
            .bind(new InetSocketAddress(bindAddress, port)).sync().channel();
        return ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    /**
     * Close the listener (blocks).
     *
     * @throws InterruptedException if interrupted.
     */
    public void stop() throws InterruptedException
    {
        if (serverChannel != null)
        {
            serverChannel.close().sync();
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest>
    {
        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
        {
            final String path = request.uri().split("\\?", 2)[0];
            final boolean accountQuery = path.startsWith(OperatorApi.ACCOUNT_QUERY);
            if (accountQuery || !HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method()))
            {
                final AdminAuthorizer.Decision decision =
                    authorizer.check(request.headers().get(HttpHeaderNames.AUTHORIZATION));
                if (decision != AdminAuthorizer.Decision.ALLOWED)
                {
                    refuse(ctx, request, decision);
                    return;
                }
            }
            if (onOperatorRequest(ctx, request, path))
            {
                return;
            }
            if (operatorApi != null && OperatorApi.serves(path))
            {
                onOperatorApi(ctx, request);
                return;
            }
            if (path.startsWith(BOOK_PATH) && bookRequests != null)
            {
                onBookRequest(ctx, request, path.substring(BOOK_PATH.length()));
                return;
            }
            final Endpoint endpoint = endpoints.get(path);
            if (endpoint != null)
            {
                respond(ctx, request, endpoint.status, endpoint.body.get(), endpoint.contentType);
                return;
            }
            final HttpResponseStatus status;
            final String body;
            if (path.equals("/health"))
            {
                final String problem = healthProblem.get();
                status = problem == null ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE;
                body = problem == null ? "UP\n" : "DOWN: " + problem + "\n";
            }
            else if (path.equals("/ready"))
            {
                final boolean isReady = ready.getAsBoolean();
                status = isReady ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE;
                body = isReady ? "READY\n" : "NOT READY\n";
            }
            else
            {
                status = HttpResponseStatus.NOT_FOUND;
                body = "not found\n";
            }
            respond(ctx, request, status, body, "text/plain; charset=utf-8");
        }

        private void onBookRequest(final ChannelHandlerContext ctx, final FullHttpRequest request, final String symbol)
        {
            final List<String> depths = new QueryStringDecoder(request.uri()).parameters().get("depth");
            int depth = 0;
            if (depths != null && !depths.isEmpty())
            {
                try
                {
                    depth = Integer.parseInt(depths.get(0));
                }
                catch (final NumberFormatException ex)
                {
                    depth = -1;
                }
            }
            if (depth < 0 || depth > MAX_BOOK_DEPTH || symbol.isEmpty())
            {
                respond(ctx, request, HttpResponseStatus.BAD_REQUEST,
                    "usage: GET /book/{symbol}?depth=N with N from 0 (all levels) to " + MAX_BOOK_DEPTH + "\n",
                    "text/plain; charset=utf-8");
                return;
            }
            final boolean keepAlive = HttpUtil.isKeepAlive(request);
            final HttpVersion version = request.protocolVersion();
            final String name = QueryStringDecoder.decodeComponent(symbol);
            bookRequests.apply(name, depth).whenComplete((json, error) -> ctx.executor().execute(() ->
            {
                if (error != null)
                {
                    respond(ctx, version, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE,
                        JSON.createObjectNode().put("error", String.valueOf(error.getMessage())) + "\n",
                        "application/json");
                }
                else if (json == null)
                {
                    respond(ctx, version, keepAlive, HttpResponseStatus.NOT_FOUND,
                        JSON.createObjectNode().put("error", "unknown symbol: " + name) + "\n", "application/json");
                }
                else
                {
                    respond(ctx, version, keepAlive, HttpResponseStatus.OK, json, "application/json");
                }
            }));
        }

        private void onOperatorApi(final ChannelHandlerContext ctx, final FullHttpRequest request)
        {
            final QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            final Map<String, List<String>> params = new HashMap<>(uri.parameters());
            final String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
            if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded"))
            {
                params.putAll(new QueryStringDecoder(
                    request.content().toString(StandardCharsets.UTF_8), false).parameters());
            }
            final boolean keepAlive = HttpUtil.isKeepAlive(request);
            final HttpVersion version = request.protocolVersion();
            operatorApi.handle(HttpMethod.POST.equals(request.method()), uri.path(), params, ctx.executor())
                .whenComplete((answer, error) -> ctx.executor().execute(() ->
                {
                    if (error != null)
                    {
                        respond(ctx, version, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE,
                            JSON.createObjectNode().put("error", String.valueOf(error.getMessage())) + "\n",
                            "application/json");
                    }
                    else
                    {
                        respond(ctx, version, keepAlive, HttpResponseStatus.valueOf(answer.status()),
                            answer.body() + "\n", "application/json");
                    }
                }));
        }

        private void refuse(
            final ChannelHandlerContext ctx, final FullHttpRequest request, final AdminAuthorizer.Decision decision)
        {
            final FullHttpResponse response = new DefaultFullHttpResponse(
                request.protocolVersion(),
                decision == AdminAuthorizer.Decision.DISABLED ?
                    HttpResponseStatus.FORBIDDEN : HttpResponseStatus.UNAUTHORIZED,
                Unpooled.copiedBuffer(decision.text(), StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            if (decision != AdminAuthorizer.Decision.DISABLED)
            {
                response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"arbiter-admin\"");
            }
            HttpUtil.setContentLength(response, response.content().readableBytes());
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }

        private boolean onOperatorRequest(
            final ChannelHandlerContext ctx, final FullHttpRequest request, final String path)
        {
            final ControlRequest.Type type;
            if (path.equals("/admin/snapshot"))
            {
                type = ControlRequest.Type.SNAPSHOT;
                if (!HttpMethod.POST.equals(request.method()))
                {
                    respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "use POST\n", "text/plain");
                    return true;
                }
            }
            else if (path.equals("/admin/state"))
            {
                type = ControlRequest.Type.STATE;
            }
            else
            {
                return false;
            }
            if (operatorRequests == null)
            {
                respond(ctx, request, HttpResponseStatus.NOT_FOUND, "journal disabled\n", "text/plain");
                return true;
            }
            final boolean keepAlive = HttpUtil.isKeepAlive(request);
            final HttpVersion version = request.protocolVersion();
            operatorRequests.apply(type).whenComplete((json, error) -> ctx.executor().execute(() ->
            {
                if (error == null)
                {
                    respond(ctx, version, keepAlive, HttpResponseStatus.OK, json + "\n", "application/json");
                }
                else
                {
                    respond(ctx, version, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE,
                        JSON.createObjectNode().put("error", String.valueOf(error.getMessage())) + "\n",
                        "application/json");
                }
            }));
            return true;
        }

        private void respond(
            final ChannelHandlerContext ctx,
            final FullHttpRequest request,
            final HttpResponseStatus status,
            final String body,
            final String contentType)
        {
            respond(ctx, request.protocolVersion(), HttpUtil.isKeepAlive(request), status, body, contentType);
        }

        private void respond(
            final ChannelHandlerContext ctx,
            final HttpVersion version,
            final boolean keepAlive,
            final HttpResponseStatus status,
            final String body,
            final String contentType)
        {
            final FullHttpResponse response = new DefaultFullHttpResponse(
                version, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
            HttpUtil.setContentLength(response, response.content().readableBytes());
            HttpUtil.setKeepAlive(response, keepAlive);
            if (keepAlive)
            {
                ctx.writeAndFlush(response);
            }
            else
            {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    private static final class Endpoint
    {
        private final HttpResponseStatus status;
        private final String contentType;
        private final Supplier<String> body;

        Endpoint(final HttpResponseStatus status, final String contentType, final Supplier<String> body)
        {
            this.status = status;
            this.contentType = contentType;
            this.body = body;
        }
    }
}
