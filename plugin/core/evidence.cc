#include "plugin/core/evidence.h"
