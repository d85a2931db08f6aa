/** What the admin handlers share: JSON answers, bounded request bodies, notes for the audit trail. */
package io.cohost.admin.http;
