/** Reading JSON and YAML inputs with field paths, reporting every problem at once. */
package dev.switchboard.input;
