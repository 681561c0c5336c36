/** The browser screen's view models: every study and run in the database, filtered, with tags and notes. */
package org.sparsitystudio.app.browser;
