package org.c360.app.ui;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.PickResult;
import javafx.scene.robot.Robot;

import org.c360.app.ui.theme.Theme;

/**
 * Drives the real JavaFX toolkit on the Headless platform for UI tests: starts it once per JVM, runs code
 * on the FX thread, waits for conditions (polling, never sleeping blindly), and clicks and types through
 * {@link Robot}, which the Headless platform implements.
 */
public final class Fx {
    private static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("fx.timeout", 60));
    private static boolean started;
    private static Robot robot;

    private Fx() {
    }

    public static synchronized void start() {
        if (started) {
            return;
        }
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Platform.startup(() -> ready.complete(null));
        Platform.setImplicitExit(false);
        join(ready);
        run(Theme::install);
        robot = call(Robot::new);
        started = true;
    }

    /** Runs {@code code} on the FX thread and waits for it. */
    public static void run(Runnable code) {
        call(() -> {
            code.run();
            return null;
        });
    }

    /** Computes {@code code} on the FX thread and waits for the value. */
    public static <T> T call(Callable<T> code) {
        if (Platform.isFxApplicationThread()) {
            try {
                return code.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(code.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return join(result);
    }

    /** Waits until {@code condition} (evaluated on the FX thread) holds; fails with {@code what} after a minute. */
    public static void waitUntil(String what, Supplier<Boolean> condition) {
        waitUntil(what, condition, TIMEOUT);
    }

    public static void waitUntil(String what, Supplier<Boolean> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (Boolean.TRUE.equals(call(condition::get))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("Timed out after " + timeout.toSeconds() + " s waiting until " + what);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting until " + what);
            }
        }
    }

    @SuppressWarnings("unchecked")
    public static <T extends Node> T byId(Parent root, String id) {
        Node node = call(() -> root.lookup("#" + id));
        if (node == null) {
            fail("no node #" + id);
        }
        return (T) node;
    }

    /** Moves the mouse to the centre of {@code node} and clicks it {@code times} times. */
    public static void click(Node node, int times) {
        run(() -> {
            Bounds bounds = node.localToScreen(node.getBoundsInLocal());
            if (bounds == null) {
                fail(node + " is not on screen");
            }
            Point2D centre = new Point2D(bounds.getCenterX(), bounds.getCenterY());
            robot.mouseMove(centre);
            for (int i = 0; i < times; i++) {
                robot.mouseClick(MouseButton.PRIMARY);
            }
        });
    }

    public static void click(Node node) {
        click(node, 1);
    }

    /**
     * Clicks {@code node} until {@code effect} holds, at most three times. A click that lands while the
     * scene is still laying itself out (a status line growing, a row appearing) can miss its target.
     */
    public static void clickUntil(Node node, String what, Supplier<Boolean> effect) {
        for (int attempt = 1; attempt < 3; attempt++) {
            click(node);
            try {
                waitUntil(what, effect, Duration.ofSeconds(10));
                return;
            } catch (AssertionError missed) {
                // try once more below
            }
        }
        click(node);
        waitUntil(what, effect);
    }

    /**
     * Clicks {@code node} by firing the mouse events on it. JavaFX 26's headless Robot marks every press
     * as a popup trigger, and table headers and cells ignore popup-trigger presses, so those are clicked so.
     */
    public static void clickByEvents(Node node) {
        run(() -> {
            Bounds local = node.getBoundsInLocal();
            double x = local.getCenterX();
            double y = local.getCenterY();
            Point2D scene = node.localToScene(x, y);
            Point2D screen = node.localToScreen(x, y);
            for (var type : List.of(MouseEvent.MOUSE_PRESSED, MouseEvent.MOUSE_RELEASED, MouseEvent.MOUSE_CLICKED)) {
                boolean down = type == MouseEvent.MOUSE_PRESSED;
                Event.fireEvent(node, new MouseEvent(node, node, type, x, y, screen.getX(), screen.getY(),
                        MouseButton.PRIMARY, 1, false, false, false, false, down, false, false, true, false, true,
                        new PickResult(node, scene.getX(), scene.getY())));
            }
        });
    }

    /** Types {@code text} key by key into the focused control (the characters a US keyboard has). */
    public static void type(String text) {
        for (char c : text.toCharArray()) {
            run(() -> typeChar(c));
        }
    }

    /** Presses the keys together (modifiers first), then releases them. */
    public static void press(KeyCode... keys) {
        run(() -> {
            for (KeyCode key : keys) {
                robot.keyPress(key);
            }
            for (KeyCode key : List.of(keys).reversed()) {
                robot.keyRelease(key);
            }
        });
    }

    private static void typeChar(char c) {
        boolean shift = Character.isUpperCase(c) || "()_<>\"!:".indexOf(c) >= 0;
        KeyCode key = switch (c) {
            case ' ' -> KeyCode.SPACE;
            case '*' -> KeyCode.MULTIPLY;
            case ',', '<' -> KeyCode.COMMA;
            case '.', '>' -> KeyCode.PERIOD;
            case '=' -> KeyCode.EQUALS;
            case '(' -> KeyCode.DIGIT9;
            case ')' -> KeyCode.DIGIT0;
            case '-', '_' -> KeyCode.MINUS;
            case '\'', '"' -> KeyCode.QUOTE;
            case '/' -> KeyCode.SLASH;
            case ';', ':' -> KeyCode.SEMICOLON;
            case '!' -> KeyCode.DIGIT1;
            default -> {
                if (Character.isLetter(c)) {
                    yield KeyCode.getKeyCode(String.valueOf(Character.toUpperCase(c)));
                }
                if (Character.isDigit(c)) {
                    yield KeyCode.valueOf("DIGIT" + c);
                }
                throw new IllegalArgumentException("cannot type '" + c + "'");
            }
        };
        if (shift) {
            robot.keyPress(KeyCode.SHIFT);
        }
        robot.keyPress(key);
        robot.keyRelease(key);
        if (shift) {
            robot.keyRelease(KeyCode.SHIFT);
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("FX call failed", e);
        }
    }
}
