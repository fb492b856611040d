package org.c360.analytics.identity;

/**
 * Limits that keep one shared identifier from gluing strangers together (as RudderStack's and Segment's
 * identity graphs do).
 *
 * @param maxPersonsPerSharedValue an e-mail or phone held by more distinct people (counted by their system
 *                                 ids) than this links none of them
 * @param maxPersonsPerDevice      a device or cookie signed into by more people than this links none of them
 * @param nameAgreement            Jaro-Winkler similarity of first names below which two people sharing an
 *                                 e-mail or phone are taken for different people (a family address)
 * @param componentAlarmRecords    a resolved person with more records than this is listed for review
 * @param componentAlarmIds        a resolved person with more distinct ids of one system than this is listed
 */
public record GuardOptions(int maxPersonsPerSharedValue, int maxPersonsPerDevice, double nameAgreement,
                           long componentAlarmRecords, int componentAlarmIds) {

    public static final GuardOptions DEFAULTS = new GuardOptions(3, 1, 0.85, 5_000, 5);

    public GuardOptions {
        if (maxPersonsPerSharedValue < 1 || maxPersonsPerDevice < 1) {
            throw new IllegalArgumentException("Person limits must be at least 1.");
        }
        if (nameAgreement <= 0 || nameAgreement > 1) {
            throw new IllegalArgumentException("Name agreement is a similarity between 0 and 1.");
        }
    }
}
