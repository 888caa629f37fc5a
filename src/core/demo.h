// The demo project the apps open on: short French texts written for Postil (accents,
// guillemets, NBSP, ’, emoji, CJK) with a few mentions and stances already made.
#pragma once
#include "model.h"

namespace postil {
Project make_demo_project();
}
