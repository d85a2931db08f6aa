/** The admin web UI: static pages and scripts served from this jar; the scripts call the REST API. */
package io.cohost.admin.ui;
