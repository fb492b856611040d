package org.c360.app.cli;

/** How result tables are printed. */
public enum OutputFormat { table, csv, json }
