//! Simulation of what each Dockerfile instruction puts into the image.
//!
//! [`catalog`] holds the real-world size data the simulation rests on: base
//! images (from docker-library/repo-info) and Debian packages (from Debian's
//! archive), plus the apt-like dependency resolver that turns
//! `apt-get install X` into bytes.

pub mod catalog;
pub mod context;
