#include "plugin/core/correlation.h"
