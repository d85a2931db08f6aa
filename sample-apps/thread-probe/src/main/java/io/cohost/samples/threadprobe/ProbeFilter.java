package io.cohost.samples.threadprobe;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import java.io.IOException;

@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class ProbeFilter extends HttpFilter {
    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        Probe.record("filter.init");
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        Probe.record("filter.doFilter");
        chain.doFilter(req, res);
    }
}
