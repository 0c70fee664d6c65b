package dev.taskorchestrator.storage;

import dev.taskorchestrator.redaction.Redactor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;

/**
 * The write connection as write work sees it: every string bound to a prepared statement
 * ({@code setString}, {@code setNString}, {@code setObject} with a string) passes the redactor first, so no
 * module can put a secret into the database file, whatever text it stores. Values must be bound, as they
 * are everywhere: SQL text itself is not rewritten.
 */
final class RedactedWrites {

  private RedactedWrites() {}

  static Connection wrap(Connection connection, Redactor redactor) {
    return proxy(Connection.class, connection, (method, args) -> {
      Object result = invoke(method, connection, args);
      return result instanceof PreparedStatement ps && method.getName().equals("prepareStatement")
          ? statement(ps, redactor) : result;
    });
  }

  private static PreparedStatement statement(PreparedStatement statement, Redactor redactor) {
    return proxy(PreparedStatement.class, statement, (method, args) -> {
      if (isStringBinding(method, args)) {
        args[1] = redactor.redact((String) args[1]);
      }
      return invoke(method, statement, args);
    });
  }

  private static boolean isStringBinding(Method method, Object[] args) {
    String name = method.getName();
    return args != null && args.length >= 2 && args[1] instanceof String
        && (name.equals("setString") || name.equals("setNString") || name.equals("setObject"));
  }

  private interface Call {
    Object apply(Method method, Object[] args) throws Throwable;
  }

  private static <T> T proxy(Class<T> type, T target, Call call) {
    InvocationHandler handler = (self, method, args) -> switch (method.getName()) {
      case "unwrap", "isWrapperFor" -> invoke(method, target, args);
      default -> call.apply(method, args);
    };
    return type.cast(Proxy.newProxyInstance(RedactedWrites.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
