/**
 * Documentation renderers: Markdown generated from a spec for the people who operate the
 * application, starting with the disaster-recovery runbook ({@link dev.shipshape.render.docs.RunbookRenderer}).
 * Templates are mustache resources next to this package; the view models they read are small
 * records computed here, so the templates hold no logic.
 */
package dev.shipshape.render.docs;
