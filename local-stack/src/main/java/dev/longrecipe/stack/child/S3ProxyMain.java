package dev.longrecipe.stack.child;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Main class of the S3Proxy child JVM: S3Proxy's own main ({@code --properties <file>}) with the
 * parent watchdog in front. S3Proxy is only on the child's classpath, hence the reflective call.
 */
public final class S3ProxyMain {

    static final String S3PROXY_MAIN = "org.gaul.s3proxy.Main";

    private S3ProxyMain() {
    }

    public static void main(String[] args) throws Throwable {
        ParentWatchdog.exitWhenParentDies();
        Method main = Class.forName(S3PROXY_MAIN).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
