package org.c360.analytics.ml;

/** A fitted model with the report of its fit. */
public record Fitted<M>(M model, FitReport report) {
}
