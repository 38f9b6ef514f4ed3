//! Black-box tests of the web app: the real router on a random port, a fresh Postgres database per test.

#[path = "../support/mod.rs"]
mod support;

mod helpers;

mod account;
mod auth;
mod authz_matrix;
mod bad_input;
mod config;
mod health;
mod isolation;
mod organise;
mod pages;
mod replicas;
mod rest;
mod security;
mod tasks;
mod throttle;
mod tokens;
mod transfer;
