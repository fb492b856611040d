package org.c360.analytics.profile;

/** A person found by a search, with what matched ("e-mail", "name", "CRM id"...). */
public record ProfileMatch(String customer360Id, String name, String email, String phone, String matchedBy) {
}
