/**
 * The {@code switchboard} command line: {@code serve}, {@code route} and the policy author's {@code policy check},
 * {@code test}, {@code eval} and {@code default}. Exit codes: 0 ok, 1 a check or test failed, 2 bad usage or input.
 */
package dev.switchboard.cli;
